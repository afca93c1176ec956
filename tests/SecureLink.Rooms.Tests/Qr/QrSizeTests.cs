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

    /// <summary>The table in docs/codes.md, so the document cannot drift from the encoder.</summary>
    [Theory]
    [InlineData(1, 144, 141)]
    [InlineData(2, 155, 152)]
    [InlineData(4, 176, 173)]
    public void Sizes_match_docs_codes_md(int candidates, int inviteChars, int replyChars)
    {
        var invite = InviteCode.Encode(Samples.OfflineInvite(candidates));
        var reply = ReplyCode.Encode(Samples.Reply(candidates));
        Row($"invite, offline, {candidates} IPv4 host", invite);
        Row($"invite, internet + 1 STUN, {candidates} mixed", InviteCode.Encode(Samples.InternetInvite(candidates)));
        Row($"reply, {candidates} IPv4 host", reply);
        Assert.Equal(inviteChars, invite.Length);
        Assert.Equal(replyChars, reply.Length);
    }

    private void Row(string what, string code) => output.WriteLine($"{what,-38} {code.Length,5}  {QrRenderer.VersionFor(code),3}");
}
