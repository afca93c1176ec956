using System.Net;
using SecureLink.Rooms.Codes;
using SecureLink.WebRtc.Transport;

namespace SecureLink.Rooms.Nearby;

/// <summary>
/// Looks for visible rooms for a few seconds: asks for the room service's PTR at once and then
/// every second (with the rooms already known as known answers, RFC 6762 §7.1), collects PTR and
/// TXT answers and unsolicited announcements, drops rooms that say goodbye, and keeps only
/// invites that decode and have not expired. <c>onChange</c> hears the whole list whenever it changes.
/// </summary>
public sealed class NearbyBrowser
{
    private readonly Dictionary<string, NearbyRoom> _rooms = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly Action<IReadOnlyList<NearbyRoom>> _onChange;

    private NearbyBrowser(TimeProvider time, Action<IReadOnlyList<NearbyRoom>> onChange)
    {
        _time = time;
        _onChange = onChange;
    }

    /// <summary>The rooms seen, sorted by label.</summary>
    public IReadOnlyList<NearbyRoom> Rooms { get { lock (_gate) return [.. _rooms.Values.OrderBy(r => r.Label, StringComparer.Ordinal)]; } }

    /// <summary>
    /// Opens the socket on <paramref name="interfaces"/> (throws <see cref="NearbyException"/> at
    /// once if it cannot), then browses for <paramref name="duration"/> in the background; the
    /// returned task ends with the final list.
    /// </summary>
    public static Task<IReadOnlyList<NearbyRoom>> Start(IReadOnlyList<NearbyInterface> interfaces, TimeSpan duration,
        Action<IReadOnlyList<NearbyRoom>> onChange, TimeProvider time, ILog log, CancellationToken ct)
    {
        var socket = MdnsSocket.Open(interfaces, log);
        var browser = new NearbyBrowser(time, onChange);
        return browser.RunAsync(socket, duration, ct);
    }

    private async Task<IReadOnlyList<NearbyRoom>> RunAsync(MdnsSocket socket, TimeSpan duration, CancellationToken ct)
    {
        await using (socket.ConfigureAwait(false))
        {
            using var window = CancellationTokenSource.CreateLinkedTokenSource(ct);
            window.CancelAfter(duration);
            var receiving = Task.Run(() => socket.ReceiveAsync(OnMessageAsync, window.Token), CancellationToken.None);
            try
            {
                while (!window.IsCancellationRequested)
                {
                    await socket.SendAsync(Query(), window.Token).ConfigureAwait(false);
                    await Task.Delay(TimeSpan.FromSeconds(1), _time, window.Token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException)
            {
            }
            await receiving.ConfigureAwait(false);
        }
        return Rooms;
    }

    private byte[] Query()
    {
        var now = _time.GetUtcNow();
        var known = Rooms.Select(r => MdnsRecord.Ptr(NearbyNames.RoomService, NearbyNames.RoomInstance(r.Label), new NearbyAdvert(r.Label, r.Invite, r.ExpiresAt).TtlAt(now)));
        return MdnsWire.WriteQuery([new MdnsQuestion(NearbyNames.RoomService, MdnsType.Ptr)], [.. known]);
    }

    private Task OnMessageAsync(MdnsMessage message, IPEndPoint from)
    {
        if (!message.IsResponse) return Task.CompletedTask;
        var changed = false;
        foreach (var r in message.Answers)
        {
            var instanceName = r.Type == MdnsType.Ptr && r.Name.Equals(NearbyNames.RoomService, StringComparison.OrdinalIgnoreCase) ? r.Target : r.Name;
            if (instanceName is null || NearbyNames.InstanceOf(instanceName, NearbyNames.RoomService) is not { } label) continue;
            if (r.TtlSeconds == 0)
            {
                lock (_gate) changed |= _rooms.Remove(label);
                continue;
            }
            if (r.Type != MdnsType.Txt || !RoomLabel.IsShowable(label) || NearbyNames.FromTxt(NearbyNames.InviteKey, r.Strings) is not { } invite) continue;
            DateTimeOffset expires;
            try
            {
                expires = InviteCode.Decode(invite, _time.GetUtcNow()).ExpiresAt;
            }
            catch (CodeException)
            {
                continue;
            }
            var room = new NearbyRoom(label, invite, expires);
            lock (_gate)
            {
                if (_rooms.TryGetValue(label, out var had) && had == room) continue;
                _rooms[label] = room;
                changed = true;
            }
        }
        if (changed) _onChange(Rooms);
        return Task.CompletedTask;
    }
}
