using System.Net;
using FsCheck.Xunit;
using SecureLink.Rooms.Codes;
using Xunit;

namespace SecureLink.Rooms.Tests.Codes;

public class InviteCodeTests
{
    [Property(MaxTest = 300)]
    public void Any_valid_invite_round_trips(int seed)
    {
        var invite = Samples.RandomInvite(seed);
        var text = InviteCode.Encode(invite);
        Assert.StartsWith("SLI", text);
        Assert.All(text, c => Assert.Contains(c, Base44.Alphabet));
        Samples.Equal(invite, InviteCode.Decode(text, invite.ExpiresAt.AddSeconds(-1)));
    }

    [Fact]
    public void Typical_invites_round_trip()
    {
        foreach (var invite in new[] { Samples.OfflineInvite(1), Samples.OfflineInvite(4), Samples.InternetInvite(4) })
            Samples.Equal(invite, InviteCode.Decode(InviteCode.Encode(invite), Samples.Now));
    }

    [Fact]
    public void Encoding_is_deterministic() =>
        Assert.Equal(InviteCode.Encode(Samples.OfflineInvite(2)), InviteCode.Encode(Samples.OfflineInvite(2)));

    [Fact]
    public void People_may_add_whitespace_newlines_and_lower_case()
    {
        var text = InviteCode.Encode(Samples.InternetInvite(3));
        var mangled = "  " + string.Join("\r\n", text.Chunk(17).Select(c => new string(c))).ToLowerInvariant() + "\t\u200B\n";
        Samples.Equal(Samples.InternetInvite(3), InviteCode.Decode(mangled, Samples.Now));
    }

    [Fact]
    public void Expiry_is_kept_to_the_second_and_enforced()
    {
        var invite = Samples.OfflineInvite(1) with { ExpiresAt = Samples.Now.AddSeconds(600.9) };
        var text = InviteCode.Encode(invite);
        Assert.Equal(Samples.Now.AddSeconds(600), InviteCode.Decode(text, Samples.Now.AddSeconds(599)).ExpiresAt);
        var e = Assert.Throws<CodeException>(() => InviteCode.Decode(text, Samples.Now.AddSeconds(600)));
        Assert.Equal((CodeErrors.Expired, CodeErrors.Expired), (e.Code, e.Detail));
        Assert.Contains("expired", e.Message);
    }

    [Fact]
    public void A_reply_pasted_as_an_invite_says_so()
    {
        var e = Assert.Throws<CodeException>(() => InviteCode.Decode(ReplyCode.Encode(Samples.Reply(2)), Samples.Now));
        Assert.Equal((CodeErrors.Foreign, CodeErrors.ReplyNotInvite), (e.Code, e.Detail));
        Assert.Contains("reply code, not an invite", e.Message);
    }

    [Fact]
    public void A_cut_off_invite_is_truncated_however_much_is_lost()
    {
        var text = InviteCode.Encode(Samples.OfflineInvite(4));
        for (var keep = 1; keep < text.Length; keep++)
        {
            var e = Assert.Throws<CodeException>(() => InviteCode.Decode(text[..keep], Samples.Now));
            Assert.Equal(CodeErrors.Corrupt, e.Code);
            Assert.True(e.Detail == CodeErrors.Truncated, $"cut to {keep} of {text.Length}: {e.Detail}");
        }
    }

    [Fact]
    public void One_wrong_character_anywhere_is_caught()
    {
        var text = InviteCode.Encode(Samples.InternetInvite(4));
        for (var i = 3; i < text.Length; i++)
        {
            var other = Base44.Alphabet[(Base44.Digit(text[i]) + 1) % 44];
            var bad = text[..i] + other + text[(i + 1)..];
            var e = Assert.Throws<CodeException>(() => InviteCode.Decode(bad, Samples.Now));
            Assert.Equal(CodeErrors.Corrupt, e.Code);
            Assert.Contains(e.Detail, new[] { CodeErrors.Checksum, CodeErrors.Truncated });
        }
    }

    [Theory]
    [InlineData("", CodeErrors.Empty)]
    [InlineData(" \r\n ", CodeErrors.Empty)]
    [InlineData("hello world", CodeErrors.NotSecureLink)]
    [InlineData("https://example.org/SLI", CodeErrors.NotSecureLink)]
    [InlineData("SL", CodeErrors.Truncated)]
    [InlineData("SLI", CodeErrors.Truncated)]
    [InlineData("SLI0000", CodeErrors.Truncated)]
    [InlineData("SLI00_00", CodeErrors.BadCharacter)]
    [InlineData("SLIÄ00", CodeErrors.BadCharacter)]
    [InlineData("SLI:::000000000", CodeErrors.Checksum)]
    [InlineData("SLI000000000000", CodeErrors.Checksum)]
    public void Garbage_gets_a_specific_corrupt_error(string text, string detail)
    {
        var e = Assert.Throws<CodeException>(() => InviteCode.Decode(text, Samples.Now));
        Assert.Equal((CodeErrors.Corrupt, detail), (e.Code, e.Detail));
        Assert.EndsWith(".", e.Message);
    }

    [Fact]
    public void Null_and_huge_text_are_refused_cleanly()
    {
        Assert.Equal(CodeErrors.Empty, Assert.Throws<CodeException>(() => InviteCode.Decode(null!, Samples.Now)).Detail);
        var huge = "SLI" + new string('0', 100_000);
        Assert.Equal(CodeErrors.TooLong, Assert.Throws<CodeException>(() => InviteCode.Decode(huge, Samples.Now)).Detail);
    }

    [Fact]
    public void A_newer_version_with_a_good_check_is_reported_as_newer()
    {
        var e = Assert.Throws<CodeException>(() => InviteCode.Decode(Forge.Reseal(InviteCode.Encode(Samples.OfflineInvite(1)), b => b[0] = 2), Samples.Now));
        Assert.Equal((CodeErrors.Version, CodeErrors.NewerVersion), (e.Code, e.Detail));
        Assert.Contains("newer SecureLink", e.Message);
    }

    [Theory]
    [InlineData(2, 0x02)] // an unknown flag
    [InlineData(3, 0x09)] // an unknown feature (bit 3)
    public void Unknown_bits_mean_a_newer_SecureLink(int index, byte value)
    {
        var text = Forge.Reseal(InviteCode.Encode(Samples.OfflineInvite(1)), b => b[index] = value);
        Assert.Equal(CodeErrors.Version, Assert.Throws<CodeException>(() => InviteCode.Decode(text, Samples.Now)).Code);
    }

    [Fact]
    public void A_version_byte_broken_by_a_typo_is_damage_not_a_newer_version()
    {
        var text = InviteCode.Encode(Samples.OfflineInvite(1));
        var bytes = Base44.TryDecode(text.AsSpan(3), out _)!;
        bytes[0] = 7;
        var e = Assert.Throws<CodeException>(() => InviteCode.Decode("SLI" + Base44.Encode(bytes), Samples.Now));
        Assert.Equal((CodeErrors.Corrupt, CodeErrors.Checksum), (e.Code, e.Detail));
    }

    [Theory]
    [InlineData(0, 0)]          // version 0
    [InlineData(1, 9)]          // unknown kind
    [InlineData(3, 0x00)]       // no data channel
    [InlineData(16, 2)]         // ufrag shorter than 4
    public void Well_checked_but_impossible_fields_are_malformed(int index, byte value)
    {
        var text = Forge.Reseal(InviteCode.Encode(Samples.OfflineInvite(1)), b => b[index] = value);
        var e = Assert.Throws<CodeException>(() => InviteCode.Decode(text, Samples.Now));
        Assert.Equal((CodeErrors.Corrupt, CodeErrors.Malformed), (e.Code, e.Detail));
    }

    [Fact]
    public void An_offline_invite_with_a_srflx_candidate_is_malformed()
    {
        var internet = Samples.InternetInvite(3); // third candidate is srflx
        var text = Forge.Reseal(InviteCode.Encode(internet with { StunServers = [] }), b => b[2] = 0, dropTail: 1);
        Assert.Equal(CodeErrors.Malformed, Assert.Throws<CodeException>(() => InviteCode.Decode(text, Samples.Now)).Detail);
    }

    [Fact]
    public void Encode_refuses_records_no_code_can_carry()
    {
        var ok = Samples.OfflineInvite(1);
        Assert.Throws<ArgumentException>(() => InviteCode.Encode(ok with { RoomId = [1, 2, 3] }));
        Assert.Throws<ArgumentException>(() => InviteCode.Encode(ok with { IceUfrag = "ab" }));
        Assert.Throws<ArgumentException>(() => InviteCode.Encode(ok with { IcePwd = "has space in it 1234567890" }));
        Assert.Throws<ArgumentException>(() => InviteCode.Encode(ok with { DtlsSha256Fingerprint = new byte[20] }));
        Assert.Throws<ArgumentException>(() => InviteCode.Encode(ok with { StunServers = ["stun.example:3478"] }));
        Assert.Throws<ArgumentException>(() => InviteCode.Encode(ok with { Candidates = [new CodeCandidate(IPAddress.Parse("fe80::1"), 5, false)] }));
        Assert.Throws<ArgumentException>(() => InviteCode.Encode(ok with { Candidates = [new CodeCandidate(IPAddress.Any, 5, false)] }));
        Assert.Throws<ArgumentException>(() => InviteCode.Encode(ok with { Candidates = [new CodeCandidate(IPAddress.Loopback, 0, false)] }));
        Assert.Throws<ArgumentException>(() => InviteCode.Encode(ok with { Candidates = [.. Enumerable.Range(0, 13).Select(Samples.Host4)] }));
        Assert.Throws<ArgumentException>(() => InviteCode.Encode(ok with { Features = CodeFeatures.Audio }));
        Assert.Throws<ArgumentOutOfRangeException>(() => InviteCode.Encode(ok with { ExpiresAt = new DateTimeOffset(2200, 1, 1, 0, 0, 0, TimeSpan.Zero) }));
    }
}

/// <summary>Re-seals a code after editing its bytes, to forge what only a buggy or newer writer would make.</summary>
internal static class Forge
{
    public static string Reseal(string code, Action<byte[]> edit, int dropTail = 0)
    {
        var prefix = code[..3];
        var raw = Base44.TryDecode(code.AsSpan(3), out _)!;
        var body = raw[..^(4 + dropTail)];
        edit(body);
        var check = System.Security.Cryptography.SHA256.HashData(body)[..4];
        return prefix + Base44.Encode([.. body, .. check]);
    }
}
