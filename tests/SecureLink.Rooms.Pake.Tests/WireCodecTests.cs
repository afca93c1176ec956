using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SecureLink.Rooms.Pake;
using SecureLink.Rooms.Pake.Tests.Support;
using SecureLink.Rooms.Pake.Wire;

namespace SecureLink.Rooms.Pake.Tests;

public class WireCodecTests(SampleMessages samples) : IClassFixture<SampleMessages>
{
    [Fact]
    public void Real_messages_have_the_documented_sizes_and_read_back_byte_for_byte()
    {
        Assert.Equal([1603 + 32, 803, 35 + 32], samples.Creator.Select(m => m.Length));
        Assert.Equal([1603, 803 + 32, 35], samples.Joiner.Select(m => m.Length));
        foreach (var message in samples.All)
            Assert.Equal(message, PakeWire.Encode(PakeWire.Decode(message)));
    }

    [Property(MaxTest = 500)]
    public void Arbitrary_bytes_either_decode_or_fail_as_ProtocolError(byte[]? bytes)
    {
        try
        {
            PakeWire.Decode(bytes);
        }
        catch (PakeException e)
        {
            Assert.Equal(PakeFailure.ProtocolError, e.Failure);
        }
    }

    [Property(MaxTest = 300)]
    public void Arbitrary_bytes_behind_a_valid_header_either_decode_or_fail_as_ProtocolError(byte type, bool joiner, byte[] body)
    {
        byte[] bytes = [1, (byte)(type % 7), joiner ? (byte)1 : (byte)0, .. body ?? []];
        try
        {
            PakeWire.Decode(bytes);
        }
        catch (PakeException e)
        {
            Assert.Equal(PakeFailure.ProtocolError, e.Failure);
        }
    }

    [Property(MaxTest = 300)]
    public Property Every_truncation_of_a_real_message_is_refused() =>
        Prop.ForAll(Gen.Choose(0, samples.All.Count() - 1).ToArbitrary(), Gen.Choose(0, 10_000).ToArbitrary(), (which, cut) =>
        {
            var message = samples.All.ElementAt(which);
            var truncated = message[..(cut % message.Length)];
            return ThrowsProtocolError(truncated);
        });

    [Property(MaxTest = 300)]
    public Property Any_extra_trailing_bytes_are_refused() =>
        Prop.ForAll(Gen.Choose(0, samples.All.Count() - 1).ToArbitrary(), Gen.Choose(1, 64).ToArbitrary(), (which, extra) =>
            ThrowsProtocolError([.. samples.All.ElementAt(which), .. new byte[extra]]));

    [Property(MaxTest = 300)]
    public Property Any_version_but_1_is_refused() =>
        Prop.ForAll(Gen.Choose(0, 255).Where(v => v != 1).ToArbitrary(), Gen.Choose(0, 5).ToArbitrary(), (version, which) =>
        {
            var message = (byte[])samples.All.ElementAt(which).Clone();
            message[0] = (byte)version;
            return ThrowsProtocolError(message);
        });

    [Property(MaxTest = 500)]
    public Property A_bit_flip_anywhere_decodes_to_something_different_or_fails_as_ProtocolError() =>
        Prop.ForAll(Gen.Choose(0, 5).ToArbitrary(), Gen.Choose(0, int.MaxValue).ToArbitrary(), (which, position) =>
        {
            var original = samples.All.ElementAt(which);
            var message = (byte[])original.Clone();
            var bit = position % (message.Length * 8);
            message[bit / 8] ^= (byte)(1 << (bit % 8));
            try
            {
                // If it still parses, it must not be read as the original (encodings are canonical).
                return !PakeWire.Encode(PakeWire.Decode(message)).AsSpan().SequenceEqual(original);
            }
            catch (PakeException e)
            {
                return e.Failure == PakeFailure.ProtocolError;
            }
        });

    [Fact]
    public void A_huge_message_is_refused_before_it_is_parsed()
    {
        var huge = new byte[16 * 1024 * 1024];
        huge[0] = 1;
        huge[1] = 1;
        Assert.True(ThrowsProtocolError(huge));
    }

    [Fact]
    public void Group_elements_at_or_above_p_and_zero_are_refused()
    {
        var message = (byte[])samples.Joiner[0].Clone();
        message.AsSpan(3, 384).Fill(0xFF);   // g^x1 = 2^3072 - 1 > p
        Assert.True(ThrowsProtocolError(message));
        message.AsSpan(3, 384).Clear();      // g^x1 = 0
        Assert.True(ThrowsProtocolError(message));
    }

    [Fact]
    public void Exponents_at_or_above_q_are_refused()
    {
        var message = (byte[])samples.Joiner[0].Clone();
        message.AsSpan(3 + 3 * 384, 32).Fill(0xFF);   // r of the first proof = 2^256 - 1 > q
        Assert.True(ThrowsProtocolError(message));
    }

    [Fact]
    public void Null_and_empty_are_refused() => Assert.True(ThrowsProtocolError(null) && ThrowsProtocolError([]));

    private static bool ThrowsProtocolError(byte[]? bytes)
    {
        try
        {
            PakeWire.Decode(bytes);
            return false;
        }
        catch (PakeException e)
        {
            return e.Failure == PakeFailure.ProtocolError;
        }
    }
}
