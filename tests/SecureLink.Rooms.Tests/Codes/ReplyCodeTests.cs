using FsCheck.Xunit;
using SecureLink.Rooms.Codes;
using Xunit;

namespace SecureLink.Rooms.Tests.Codes;

public class ReplyCodeTests
{
    [Property(MaxTest = 300)]
    public void Any_valid_reply_round_trips(int seed)
    {
        var reply = Samples.RandomReply(seed);
        var text = ReplyCode.Encode(reply);
        Assert.StartsWith("SLR", text);
        Samples.Equal(reply, ReplyCode.Decode(text, reply.RoomId));
    }

    [Fact]
    public void A_reply_for_another_room_is_foreign()
    {
        var text = ReplyCode.Encode(Samples.Reply(1));
        var e = Assert.Throws<CodeException>(() => ReplyCode.Decode(text, [9, 9, 9, 9, 9, 9, 9, 9]));
        Assert.Equal((CodeErrors.Foreign, CodeErrors.OtherRoom), (e.Code, e.Detail));
        Assert.Contains("different room", e.Message);
    }

    [Fact]
    public void An_invite_pasted_as_a_reply_says_so()
    {
        var e = Assert.Throws<CodeException>(() => ReplyCode.Decode(InviteCode.Encode(Samples.OfflineInvite(1)), Samples.RoomId));
        Assert.Equal((CodeErrors.Foreign, CodeErrors.InviteNotReply), (e.Code, e.Detail));
        Assert.Contains("invite code, not a reply", e.Message);
    }

    [Fact]
    public void An_invite_body_under_a_reply_prefix_is_foreign_too()
    {
        // Someone edits the prefix: the kind byte inside, covered by the check, still tells.
        var invite = InviteCode.Encode(Samples.OfflineInvite(1));
        var e = Assert.Throws<CodeException>(() => ReplyCode.Decode("SLR" + invite[3..], Samples.RoomId));
        Assert.Equal(CodeErrors.InviteNotReply, e.Detail);
    }

    [Fact]
    public void A_cut_off_reply_is_truncated()
    {
        var text = ReplyCode.Encode(Samples.Reply(3));
        for (var keep = 1; keep < text.Length; keep++)
            Assert.Equal(CodeErrors.Truncated, Assert.Throws<CodeException>(() => ReplyCode.Decode(text[..keep], Samples.RoomId)).Detail);
    }

    [Fact]
    public void Reply_flags_a_newer_SecureLink_may_set_are_reported_as_newer()
    {
        var text = Forge.Reseal(ReplyCode.Encode(Samples.Reply(1)), b => b[2] = 1);
        Assert.Equal(CodeErrors.Version, Assert.Throws<CodeException>(() => ReplyCode.Decode(text, Samples.RoomId)).Code);
    }

    [Fact]
    public void Trailing_bytes_under_a_good_check_are_malformed()
    {
        var text = Forge.Reseal(ReplyCode.Encode(Samples.Reply(1)) , _ => { });
        var raw = Base44.TryDecode(text.AsSpan(3), out _)!;
        byte[] body = [.. raw[..^4], 0x00];
        var resealed = "SLR" + Base44.Encode([.. body, .. System.Security.Cryptography.SHA256.HashData(body)[..4]]);
        Assert.Equal(CodeErrors.Malformed, Assert.Throws<CodeException>(() => ReplyCode.Decode(resealed, Samples.RoomId)).Detail);
    }
}
