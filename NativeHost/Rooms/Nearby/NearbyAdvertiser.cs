using System.Net;
using System.Security.Cryptography;
using SecureLink.WebRtc.Transport;

namespace SecureLink.Rooms.Nearby;

/// <summary>
/// The creator's small mDNS responder (RFC 6762/6763) for one visible room: announces the room's
/// PTR and TXT twice, one second apart (§8.3), answers queries for the room service after a random
/// 20–120 ms (§6, the PTR is a shared record) unless the query already knows the answer (§7.1), and
/// hears joiners' reply announcements, handing each reply code to <c>onReply</c>. It answers no
/// other name. <see cref="StopAsync"/> says goodbye (TTL 0, §10.1) so browsers drop the room at once.
/// No probing (§8.1): the instance name is a random label, and a clash only shows two rooms alike.
/// </summary>
public sealed class NearbyAdvertiser : IAsyncDisposable
{
    private readonly NearbyAdvert _advert;
    private readonly MdnsSocket _socket;
    private readonly Action<string> _onReply;
    private readonly TimeProvider _time;
    private readonly ILog _log;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _receiving;
    private readonly Task _announcing;
    private long _lastAnswerTicks = long.MinValue;
    private int _stopped;

    private NearbyAdvertiser(NearbyAdvert advert, MdnsSocket socket, Action<string> onReply, TimeProvider time, ILog log)
    {
        _advert = advert;
        _socket = socket;
        _onReply = onReply;
        _time = time;
        _log = log;
        _receiving = Task.Run(() => _socket.ReceiveAsync(OnMessageAsync, _stop.Token));
        _announcing = Task.Run(AnnounceAsync);
    }

    /// <summary>Opens the socket on <paramref name="interfaces"/> and starts announcing; <see cref="NearbyException"/> if it cannot.</summary>
    public static NearbyAdvertiser Start(NearbyAdvert advert, IReadOnlyList<NearbyInterface> interfaces, Action<string> onReply, TimeProvider time, ILog log) =>
        new(advert, MdnsSocket.Open(interfaces, log), onReply, time, log);

    private async Task AnnounceAsync()
    {
        try
        {
            for (var i = 0; i < 2; i++)
            {
                await SendRecordsAsync(_stop.Token).ConfigureAwait(false);
                await Task.Delay(TimeSpan.FromSeconds(1), _time, _stop.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private Task SendRecordsAsync(CancellationToken ct)
    {
        Interlocked.Exchange(ref _lastAnswerTicks, _time.GetTimestamp());
        return _socket.SendAsync(MdnsWire.WriteResponse(_advert.Records(_advert.TtlAt(_time.GetUtcNow()))), ct);
    }

    private async Task OnMessageAsync(MdnsMessage message, IPEndPoint from)
    {
        if (message.IsResponse)
        {
            foreach (var r in message.Answers)
            {
                if (r.Type != MdnsType.Txt || r.TtlSeconds == 0 || NearbyNames.InstanceOf(r.Name, NearbyNames.ReplyService) is null) continue;
                if (NearbyNames.FromTxt(NearbyNames.ReplyKey, r.Strings) is { } reply) _onReply(reply);
            }
            return;
        }
        if (!AsksForUs(message) || KnowsUs(message)) return;
        // At most one multicast answer a second (§6); another asker hears that one too.
        if (_time.GetElapsedTime(Interlocked.Read(ref _lastAnswerTicks)) < TimeSpan.FromSeconds(1)) return;
        try
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20 + RandomNumberGenerator.GetInt32(101)), _time, _stop.Token).ConfigureAwait(false);
            await SendRecordsAsync(_stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private bool AsksForUs(MdnsMessage query) => query.Questions.Any(q =>
        (q.Type is MdnsType.Ptr or MdnsType.Any && q.Name.Equals(NearbyNames.RoomService, StringComparison.OrdinalIgnoreCase)) ||
        (q.Type is MdnsType.Txt or MdnsType.Any && q.Name.Equals(NearbyNames.RoomInstance(_advert.Label), StringComparison.OrdinalIgnoreCase)));

    /// <summary>Known-answer suppression: the asker already holds our PTR with at least half its lifetime left.</summary>
    private bool KnowsUs(MdnsMessage query) => query.Answers.Any(a =>
        a.Type == MdnsType.Ptr && a.Name.Equals(NearbyNames.RoomService, StringComparison.OrdinalIgnoreCase) &&
        string.Equals(a.Target, NearbyNames.RoomInstance(_advert.Label), StringComparison.OrdinalIgnoreCase) &&
        a.TtlSeconds >= _advert.TtlAt(_time.GetUtcNow()) / 2);

    /// <summary>Stops answering and sends the goodbye (twice, a moment apart, as one lost packet would leave the room listed until its TTL ran out).</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0) return;
        await _stop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_announcing, _receiving).ConfigureAwait(false);
        var goodbye = MdnsWire.WriteResponse(_advert.Records(0));
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            await _socket.SendAsync(goodbye, bound.Token).ConfigureAwait(false);
            await Task.Delay(TimeSpan.FromMilliseconds(100), bound.Token).ConfigureAwait(false);
            await _socket.SendAsync(goodbye, bound.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        await _socket.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
        if (_log.IsEnabled(LogLevel.Debug)) _log.Write(LogLevel.Debug, "nearby", "room no longer visible (goodbye sent)");
    }

    public ValueTask DisposeAsync() => new(StopAsync());
}
