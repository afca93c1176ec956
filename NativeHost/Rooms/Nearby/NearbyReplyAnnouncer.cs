using System.Security.Cryptography;
using SecureLink.WebRtc.Transport;

namespace SecureLink.Rooms.Nearby;

/// <summary>
/// The joiner's half of a nearby room: instead of the person handing the reply code back, the
/// host announces it as one TXT record ("TAG._slreply._udp.local", TAG random) on the interfaces
/// of its own candidates, at 0, 1 and 2 s and then every 4 s, until the creator starts connecting
/// (the caller then stops it, which sends the goodbye). The creator checks the reply's room id,
/// so replies for other rooms are ignored there; anyone on the link could read the reply, as
/// they could read the invite, and neither is secret: the PIN check is what keeps strangers out.
/// </summary>
public sealed class NearbyReplyAnnouncer : IAsyncDisposable
{
    private readonly MdnsSocket _socket;
    private readonly string _name;
    private readonly string _reply;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _announcing;
    private int _stopped;

    private NearbyReplyAnnouncer(MdnsSocket socket, string reply, TimeProvider time)
    {
        _socket = socket;
        _reply = reply;
        _time = time;
        _name = NearbyNames.ReplyInstance(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)));
        _announcing = Task.Run(AnnounceAsync);
    }

    public static NearbyReplyAnnouncer Start(string reply, IReadOnlyList<NearbyInterface> interfaces, TimeProvider time, ILog log) =>
        new(MdnsSocket.Open(interfaces, log), reply, time);

    private byte[] Packet(uint ttl) => MdnsWire.WriteResponse([MdnsRecord.Txt(_name, NearbyNames.ToTxt(NearbyNames.ReplyKey, _reply), ttl)]);

    private async Task AnnounceAsync()
    {
        try
        {
            for (var i = 0; !_stop.IsCancellationRequested; i++)
            {
                await _socket.SendAsync(Packet(120), _stop.Token).ConfigureAwait(false);
                await Task.Delay(TimeSpan.FromSeconds(i < 2 ? 1 : 4), _time, _stop.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0) return;
        await _stop.CancelAsync().ConfigureAwait(false);
        await _announcing.ConfigureAwait(false);
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            await _socket.SendAsync(Packet(0), bound.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        await _socket.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }

    public ValueTask DisposeAsync() => new(StopAsync());
}
