using System.Net;
using System.Net.Sockets;
using SecureLink.Rooms.Codes;

namespace SecureLink.Security.Tests.Support;

/// <summary>
/// What anyone who handles a code on its way can do: the codes carry a checksum, not a
/// signature, so they can be decoded, changed and encoded again. (The PIN check is what makes
/// that useless; these helpers let the tests try.)
/// </summary>
public static class CodeRewriter
{
    public static InviteRecord Invite(string text) => InviteCode.Decode(text, DateTimeOffset.UtcNow);

    public static ReplyRecord Reply(string text, string roomIdHex) => ReplyCode.Decode(text, Convert.FromHexString(roomIdHex));

    /// <summary>The invite with every candidate replaced by <paramref name="to"/>.</summary>
    public static string RedirectInvite(string text, IPEndPoint to) =>
        InviteCode.Encode(Invite(text) with { Candidates = [new CodeCandidate(to.Address, to.Port, false)] });

    /// <summary>The reply with every candidate replaced by <paramref name="to"/>.</summary>
    public static string RedirectReply(string text, string roomIdHex, IPEndPoint to) =>
        ReplyCode.Encode(Reply(text, roomIdHex) with { Candidates = [new CodeCandidate(to.Address, to.Port, false)] });

    /// <summary>The invite's first IPv4 candidate on the test network: where the creator really listens.</summary>
    public static IPEndPoint CreatorEndPoint(string inviteText) => FirstV4(Invite(inviteText).Candidates);

    public static IPEndPoint JoinerEndPoint(string replyText, string roomIdHex) => FirstV4(Reply(replyText, roomIdHex).Candidates);

    private static IPEndPoint FirstV4(IEnumerable<CodeCandidate> candidates) =>
        candidates.Where(c => c.Address.AddressFamily == AddressFamily.InterNetwork && !c.IsServerReflexive)
            .Select(c => new IPEndPoint(c.Address, c.Port)).First();
}
