using SecureLink.Rooms.Pake;
using SecureLink.Rooms.Pake.Tests.Support;

namespace SecureLink.Rooms.Pake.Tests;

public class KeyScheduleTests
{
    private static readonly byte[] K = Enumerable.Range(0, 384).Select(i => (byte)i).ToArray();
    private static readonly byte[] T = new byte[32];

    [Fact]
    public void Each_purpose_and_direction_gets_its_own_key()
    {
        using var keys = KeySchedule.Derive((byte[])K.Clone(), T, PakePair.Binding());
        var creatorTag = keys.ConfirmationTag(PakeRole.Creator, default);
        var joinerTag = keys.ConfirmationTag(PakeRole.Joiner, default);
        Assert.NotEqual(creatorTag, joinerTag);
        Assert.NotEqual(creatorTag, keys.SessionKey());
        Assert.True(keys.VerifyConfirmation(PakeRole.Joiner, default, joinerTag));
        Assert.False(keys.VerifyConfirmation(PakeRole.Creator, default, joinerTag));   // a reflected tag is no good
        Assert.False(keys.VerifyConfirmation(PakeRole.Joiner, default, joinerTag[..31]));
    }

    [Fact]
    public void Every_key_depends_on_each_fingerprint()
    {
        using var a = KeySchedule.Derive((byte[])K.Clone(), T, PakePair.Binding(0xC1, 0x10));
        using var b = KeySchedule.Derive((byte[])K.Clone(), T, PakePair.Binding(0xC2, 0x10));
        using var c = KeySchedule.Derive((byte[])K.Clone(), T, PakePair.Binding(0xC1, 0x11));
        foreach (var other in new[] { b, c })
        {
            Assert.NotEqual(a.SessionKey(), other.SessionKey());
            Assert.NotEqual(a.ConfirmationTag(PakeRole.Joiner, default), other.ConfirmationTag(PakeRole.Joiner, default));
            Assert.NotEqual(a.SafetyCode(new byte[32], new byte[32]), other.SafetyCode(new byte[32], new byte[32]));
        }
    }

    [Fact]
    public void Fingerprint_lengths_are_part_of_the_info_so_boundaries_cannot_shift()
    {
        var one = KeySchedule.Info("x", new PakeBinding([1, 2], [3]));
        var two = KeySchedule.Info("x", new PakeBinding([1], [2, 3]));
        Assert.NotEqual(one, two);
    }

    [Fact]
    public void The_safety_code_depends_on_both_nonces_and_the_creator_tag_on_the_creator_nonce()
    {
        using var keys = KeySchedule.Derive((byte[])K.Clone(), T, PakePair.Binding());
        var zero = new byte[32];
        var one = Enumerable.Repeat((byte)1, 32).ToArray();
        Assert.NotEqual(keys.SafetyCode(zero, zero), keys.SafetyCode(one, zero));
        Assert.NotEqual(keys.SafetyCode(zero, zero), keys.SafetyCode(zero, one));
        Assert.NotEqual(keys.ConfirmationTag(PakeRole.Creator, zero), keys.ConfirmationTag(PakeRole.Creator, one));
    }

    [Fact]
    public void Dispose_zeroes_the_keying_material_it_took()
    {
        var k = (byte[])K.Clone();
        KeySchedule.Derive(k, T, PakePair.Binding()).Dispose();
        Assert.All(k, b => Assert.Equal(0, b));
    }

    [Theory]
    [InlineData(new byte[] { 0, 0, 0, 0, 0, 0, 0, 0 }, "0000 0000")]
    [InlineData(new byte[] { 0, 0, 0, 0, 0x05, 0xF5, 0xE1, 0xFF }, "0000 0255")]   // 100 000 255 mod 10^8
    [InlineData(new byte[] { 0, 0, 0, 0, 0x05, 0xF5, 0xE0, 0xFF }, "9999 9999")]
    [InlineData(new byte[] { 0, 0, 0, 0, 0x00, 0x49, 0x93, 0xE7 }, "0482 1991")]
    public void Safety_code_is_the_key_mod_ten_to_the_eight_in_two_groups(byte[] key, string expected) =>
        Assert.Equal(expected, SafetyCode.Format(key));
}
