using System.Threading.Channels;
using SecureLink.Rooms.Codes;
using SecureLink.WebRtc;
using SecureLink.WebRtc.DataChannels;

namespace SecureLink.Security.Tests.ManInTheMiddle;

/// <summary>
/// A man in the middle who swapped both codes for its own and terminates DTLS on each side with
/// its own certificates: towards the creator it is a joiner (its reply), towards the joiner a
/// creator (its invite, with the real room id). It opens the same data channels the real
/// creator does and forwards every PIN-check and chat message untouched between the two real
/// hosts, so both reach the same J-PAKE key; only the fingerprints each side saw differ.
/// </summary>
internal sealed class CodeSwapMiddle : IAsyncDisposable
{
    private readonly RtcPeerConnection _toCreator;
    private readonly RtcPeerConnection _toJoiner;
    private readonly string _roomId;
    private readonly Channel<(string Label, DataChannelMessage Message)> _fromCreator = Channel.CreateUnbounded<(string, DataChannelMessage)>();
    private readonly Channel<(string Label, DataChannelMessage Message)> _fromJoiner = Channel.CreateUnbounded<(string, DataChannelMessage)>();
    private readonly Dictionary<string, TaskCompletionSource<DataChannel>> _joinerSide = [];
    private readonly Dictionary<string, TaskCompletionSource<DataChannel>> _creatorSide = [];
    private Task? _pump;
    private Task? _pumpBack;
    private int _forwarded;

    private CodeSwapMiddle(RtcPeerConnection toCreator, RtcPeerConnection toJoiner, string roomId)
    {
        _toCreator = toCreator;
        _toJoiner = toJoiner;
        _roomId = roomId;
        foreach (var label in new[] { "securelink-pin", "securelink-chat" })
        {
            _joinerSide[label] = new TaskCompletionSource<DataChannel>(TaskCreationOptions.RunContinuationsAsynchronously);
            _creatorSide[label] = new TaskCompletionSource<DataChannel>(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        _toCreator.DataChannelOpened += channel =>
        {
            channel.MessageReceived += m => _fromCreator.Writer.TryWrite((channel.Label, m));
            if (_creatorSide.TryGetValue(channel.Label, out var opened)) opened.TrySetResult(channel);
        };
    }

    /// <summary>Messages forwarded either way.</summary>
    public int Forwarded => Volatile.Read(ref _forwarded);

    /// <summary>The attacker's reply to the real invite, and its own invite for the real joiner.</summary>
    public string ReplyForCreator { get; private set; } = "";
    public string InviteForJoiner { get; private set; } = "";

    public static async Task<CodeSwapMiddle> StartAsync(string realInvite, string roomId)
    {
        // Audio as every room negotiates it, so the middle's codes look like the real ones.
        var options = () => new RtcConfiguration { AddressFilter = a => a.Equals(Support.TestNet.A), ConnectTimeout = TimeSpan.FromSeconds(30), Audio = true };
        var toCreator = new RtcPeerConnection(options());
        var toJoiner = new RtcPeerConnection(options());
        var middle = new CodeSwapMiddle(toCreator, toJoiner, roomId);
        var invite = InviteCode.Decode(realInvite, DateTimeOffset.UtcNow);
        var answer = await toCreator.CreateAnswerAsync(CodeSdp.OfferFromInvite(invite), CancellationToken.None);
        middle.ReplyForCreator = ReplyCode.Encode(CodeSdp.ReplyFromAnswer(answer, invite.RoomId));
        var offer = await toJoiner.CreateOfferAsync(CancellationToken.None);
        middle.InviteForJoiner = InviteCode.Encode(CodeSdp.InviteFromOffer(offer, invite.RoomId, ConnectMode.Offline, [], invite.ExpiresAt));
        return middle;
    }

    /// <summary>Takes the real joiner's reply (meant for the creator) and starts relaying.</summary>
    public async Task TakeJoinerReplyAsync(string reply)
    {
        await _toJoiner.SetRemoteAnswerAsync(CodeSdp.AnswerFromReply(ReplyCode.Decode(reply, Convert.FromHexString(_roomId))), CancellationToken.None);
        _ = Task.Run(async () =>
        {
            // Towards the joiner we are the creator: open the channels in the creator's order.
            foreach (var label in new[] { "securelink-pin", "securelink-chat" })
            {
                var channel = await _toJoiner.CreateDataChannelAsync(label);
                channel.MessageReceived += m => _fromJoiner.Writer.TryWrite((label, m));
                _joinerSide[label].TrySetResult(channel);
            }
        });
        // One pump per direction, so messages keep their order (the PIN check depends on it).
        _pump = Task.Run(PumpFromCreatorAsync);
        _pumpBack = Task.Run(PumpFromJoinerAsync);
    }

    private async Task PumpFromJoinerAsync()
    {
        await foreach (var (label, message) in _fromJoiner.Reader.ReadAllAsync())
        {
            // The joiner's side may be up first (its first PIN message then arrives before the real
            // creator has opened the channel to us): wait for that channel rather than drop the
            // message, which made the creator see round 2 before round 1, a protocol error
            // (host_error) instead of the wrong_pin this attack must end in.
            var channel = await _creatorSide[label].Task.WaitAsync(TimeSpan.FromSeconds(30));
            await Send(channel, message);
        }
    }

    private async Task PumpFromCreatorAsync()
    {
        await foreach (var (label, message) in _fromCreator.Reader.ReadAllAsync())
        {
            var channel = await _joinerSide[label].Task.WaitAsync(TimeSpan.FromSeconds(30));
            await Send(channel, message);
        }
    }

    private async Task Send(DataChannel channel, DataChannelMessage message)
    {
        try
        {
            if (message.IsText) await channel.SendAsync(message.Text);
            else await channel.SendAsync(message.Data);
            Interlocked.Increment(ref _forwarded);
        }
        catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException or SecureLink.WebRtc.Transport.TransportClosedException)
        {
            // One side hung up: nothing left to relay.
        }
    }

    public async ValueTask DisposeAsync()
    {
        _fromCreator.Writer.TryComplete();
        _fromJoiner.Writer.TryComplete();
        await _toCreator.DisposeAsync();
        await _toJoiner.DisposeAsync();
        if (_pump is not null) await Task.WhenAny(_pump, Task.Delay(2000));
        if (_pumpBack is not null) await Task.WhenAny(_pumpBack, Task.Delay(2000));
    }
}
