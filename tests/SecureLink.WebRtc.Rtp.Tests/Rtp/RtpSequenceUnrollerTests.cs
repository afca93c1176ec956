using FsCheck.Xunit;

namespace SecureLink.WebRtc.Rtp.Tests.Rtp;

public sealed class RtpSequenceUnrollerTests
{
    [Fact]
    public void Counts_on_across_the_wrap()
    {
        var u = new RtpSequenceUnroller();
        Assert.Equal(65534, u.Unroll(65534));
        Assert.Equal(65535, u.Unroll(65535));
        Assert.Equal(65536, u.Unroll(0));
        Assert.Equal(65537, u.Unroll(1));
        Assert.Equal(65535, u.Unroll(65535)); // late packet from before the wrap
        Assert.Equal(65537, u.Highest);
    }

    [Fact]
    public void A_late_packet_before_the_first_goes_negative_rather_than_a_cycle_ahead()
    {
        var u = new RtpSequenceUnroller();
        Assert.Equal(2, u.Unroll(2));
        Assert.Equal(-1, u.Unroll(65535));
    }

    [Property(MaxTest = 200)]
    public bool A_monotonic_run_unrolls_to_consecutive_numbers(ushort start, byte steps)
    {
        var u = new RtpSequenceUnroller();
        var first = u.Unroll(start);
        for (var i = 1; i <= steps * 300; i++)
            if (u.Unroll((ushort)(start + i)) != first + i) return false;
        return true;
    }
}
