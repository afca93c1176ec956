using System.Net;
using SecureLink.WebRtc.DataChannels;

namespace SecureLink.WebRtc.Tests.Infrastructure;

/// <summary>Two of our own peer connections, connected by handing SDP across in process.</summary>
public sealed class OurPair : IAsyncDisposable
{
    private OurPair(RtcPeerConnection offerer, RtcPeerConnection answerer) { Offerer = offerer; Answerer = answerer; }

    public RtcPeerConnection Offerer { get; }
    public RtcPeerConnection Answerer { get; }
    public DataChannel OffererChannel { get; private set; } = null!;
    public DataChannel AnswererChannel { get; private set; } = null!;
    public MessageInbox OffererInbox { get; private set; } = null!;
    public MessageInbox AnswererInbox { get; private set; } = null!;
    public string Offer { get; private set; } = "";
    public string Answer { get; private set; } = "";

    /// <summary>Loopback only (IncludeLoopback) or the namespace's two "LAN" addresses.</summary>
    public static RtcConfiguration Config(bool loopback, IPAddress? lan, bool audio = false) => new()
    {
        IncludeLoopback = loopback,
        Audio = audio,
        AddressFilter = loopback ? IPAddress.IsLoopback : a => a.Equals(lan),
        Log = TestLog.FromEnvironment(),
    };

    public static Task<OurPair> ConnectAsync(bool loopback, CancellationToken ct) => ConnectAsync(loopback, false, false, ct);

    /// <summary>With <see cref="RtcConfiguration.Audio"/> set on either side as given.</summary>
    public static async Task<OurPair> ConnectAsync(bool loopback, bool offererAudio, bool answererAudio, CancellationToken ct)
    {
        var offerer = new RtcPeerConnection(Config(loopback, IsolatedNetwork.LanA, offererAudio));
        var answerer = new RtcPeerConnection(Config(loopback, IsolatedNetwork.LanB, answererAudio));
        var pair = new OurPair(offerer, answerer);
        try
        {
            var remoteChannel = new TaskCompletionSource<DataChannel>(TaskCreationOptions.RunContinuationsAsynchronously);
            answerer.DataChannelOpened += ch => { pair.AnswererInbox = new MessageInbox(ch); remoteChannel.TrySetResult(ch); };
            // Created before connecting, as the contract allows: it opens once SCTP is up.
            pair.OffererChannel = offerer.CreateDataChannel("chat");
            var opened = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            pair.OffererChannel.Opened += () => opened.TrySetResult();
            pair.OffererInbox = new MessageInbox(pair.OffererChannel);

            var offer = await offerer.CreateOfferAsync(ct);
            pair.Offer = offer;
            var answer = await answerer.CreateAnswerAsync(offer, ct);
            pair.Answer = answer;
            await offerer.SetRemoteAnswerAsync(answer, ct);
            await Task.WhenAll(offerer.WaitConnectedAsync(ct), answerer.WaitConnectedAsync(ct));
            if (pair.OffererChannel.State != DataChannelState.Open) await opened.Task.WaitAsync(ct);
            pair.AnswererChannel = await remoteChannel.Task.WaitAsync(ct);
            return pair;
        }
        catch
        {
            await pair.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Offerer.DisposeAsync();
        await Answerer.DisposeAsync();
    }
}
