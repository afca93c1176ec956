using SecureLink.Rooms.Codes;
using SecureLink.Rooms.Qr;
using SecureLink.Rooms.Tests.Codes;
using Xunit;
using Xunit.Abstractions;

namespace SecureLink.Rooms.Tests.Qr;

/// <summary>How big the codes are, in characters and QR version (the numbers in docs/codes.md).</summary>
public class QrSizeTests(ITestOutputHelper output)
{
    /// <summary>ISO/IEC 18004 table 7: alphanumeric characters a version holds at ECC M.</summary>
    private static readonly int[] AlphanumericCapacityM = [20, 38, 61, 90, 122, 154, 178, 221, 262, 311, 366, 419, 483, 528, 600];

    [Fact]
    public void Four_IPv4_candidates_offline_fit_version_10_at_M()
    {
        var code = InviteCode.Encode(Samples.OfflineInvite(4));
        Assert.InRange(QrRenderer.VersionFor(code), 1, 10);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public void Codes_use_alphanumeric_mode_at_M(int candidates)
    {
        foreach (var code in new[]
        {
            InviteCode.Encode(Samples.OfflineInvite(candidates)),
            InviteCode.Encode(Samples.InternetInvite(candidates)),
            ReplyCode.Encode(Samples.Reply(candidates)),
        })
        {
            // The smallest version whose alphanumeric capacity holds the text: byte mode or ECC Q/H would need more.
            var expected = Array.FindIndex(AlphanumericCapacityM, c => c >= code.Length) + 1;
            Assert.Equal(expected, QrRenderer.VersionFor(code));
        }
    }

    [Fact]
    public void Print_the_sizes()
    {
        output.WriteLine("code                                   chars  QR version (ECC M)");
        foreach (var n in new[] { 1, 2, 4 })
        {
            Row($"invite, offline, {n} IPv4 host", InviteCode.Encode(Samples.OfflineInvite(n)));
            Row($"invite, internet + 1 STUN, {n} mixed", InviteCode.Encode(Samples.InternetInvite(n)));
            Row($"reply, {n} IPv4 host", ReplyCode.Encode(Samples.Reply(n)));
        }
        Assert.True(true);
    }

    private void Row(string what, string code) => output.WriteLine($"{what,-38} {code.Length,5}  {QrRenderer.VersionFor(code),3}");
}
