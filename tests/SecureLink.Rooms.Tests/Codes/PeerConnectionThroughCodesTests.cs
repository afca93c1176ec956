using System.Net;
using SecureLink.Rooms.Codes;
using SecureLink.WebRtc;
using SecureLink.WebRtc.DataChannels;
using Xunit;

namespace SecureLink.Rooms.Tests.Codes;

/// <summary>
/// Two of our real peer connections, on loopback, that learn about each other only from the
/// invite and reply texts: the rebuilt SDP is what our PeerConnection accepts.
/// </summary>
public class PeerConnectionThroughCodesTests
{
    private static RtcConfiguration Loopback => new() { IncludeLoopback = true, AddressFilter = IPAddress.IsLoopback };

    [CodesIsolatedFact]
    public async Task A_data_channel_opens_when_only_the_codes_cross()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var creator = new RtcPeerConnection(Loopback);
        await using var joiner = new RtcPeerConnection(Loopback);
        var received = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        joiner.DataChannelOpened += ch => ch.MessageReceived += m => received.TrySetResult(m.Text);
        var channel = creator.CreateDataChannel("chat");
        var opened = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        channel.Opened += () => opened.TrySetResult();

        var offer = await creator.CreateOfferAsync(cts.Token);
        var invite = InviteCode.Encode(CodeSdp.InviteFromOffer(offer, Samples.RoomId, ConnectMode.Offline, [], DateTimeOffset.UtcNow.AddMinutes(10)));
        var answer = await joiner.CreateAnswerAsync(CodeSdp.OfferFromInvite(InviteCode.Decode(invite, DateTimeOffset.UtcNow)), cts.Token);
        var reply = ReplyCode.Encode(CodeSdp.ReplyFromAnswer(answer, Samples.RoomId));
        await creator.SetRemoteAnswerAsync(CodeSdp.AnswerFromReply(ReplyCode.Decode(reply, Samples.RoomId)), cts.Token);

        await Task.WhenAll(creator.WaitConnectedAsync(cts.Token), joiner.WaitConnectedAsync(cts.Token));
        if (channel.State != DataChannelState.Open) await opened.Task.WaitAsync(cts.Token);
        await channel.SendAsync("hello through codes", cts.Token);
        Assert.Equal("hello through codes", await received.Task.WaitAsync(cts.Token));
        // Each side checked the other's certificate against the fingerprint that crossed in a code.
        Assert.Equal(joiner.LocalFingerprint, creator.RemoteFingerprint);
        Assert.Equal(creator.LocalFingerprint, joiner.RemoteFingerprint);
    }
}

/// <summary>
/// Gathering enumerates every interface, so like the WebRtc tests this runs only inside
/// tests/tools/isolated.sh's private network namespace (SECURELINK_ISOLATED=1).
/// </summary>
public sealed class CodesIsolatedFactAttribute : FactAttribute
{
    public CodesIsolatedFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("SECURELINK_ISOLATED") != "1")
            Skip = "needs the isolated network namespace: run under tests/tools/isolated.sh";
    }
}
