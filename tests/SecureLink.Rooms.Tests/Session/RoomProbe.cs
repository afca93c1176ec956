using System.Net;
using System.Threading.Channels;
using SecureLink.Rooms.Session;

namespace SecureLink.Rooms.Tests.Session;

/// <summary>Records one room's events in order and waits for the ones a test expects.</summary>
internal sealed class RoomProbe
{
    private readonly Channel<RoomEvent> _events = Channel.CreateUnbounded<RoomEvent>();
    private readonly List<RoomEvent> _seen = [];

    public Action<RoomEvent> Sink => e => _events.Writer.TryWrite(e);

    public IReadOnlyList<RoomEvent> Seen { get { lock (_seen) return [.. _seen]; } }

    public IEnumerable<RoomStateChanged> States => Seen.OfType<RoomStateChanged>();

    /// <summary>Waits for the next event matching <paramref name="match"/>, skipping others (kept in <see cref="Seen"/>).</summary>
    public async Task<T> WaitAsync<T>(Func<T, bool>? match = null, int seconds = 40) where T : RoomEvent
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        try
        {
            while (true)
            {
                var e = await _events.Reader.ReadAsync(cts.Token);
                lock (_seen) _seen.Add(e);
                if (e is T t && (match is null || match(t))) return t;
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"no {typeof(T).Name} in {seconds} s; saw: {string.Join(", ", Seen.Select(Describe))}");
        }
    }

    public Task<RoomStateChanged> WaitStateAsync(RoomState state, int seconds = 40) =>
        WaitAsync<RoomStateChanged>(s => s.To == state, seconds);

    private static string Describe(RoomEvent e) => e is RoomStateChanged s ? $"{s.To.WireName()}({s.ReasonCode})" : e.GetType().Name;

    /// <summary>Loopback only: the test never sends anywhere else.</summary>
    public static RoomOptions Options(TimeSpan? expiresIn = null) => new()
    {
        IncludeLoopback = true,
        AddressFilter = a => a.Equals(IPAddress.Loopback),
        ExpiresIn = expiresIn ?? TimeSpan.FromMinutes(10),
        PakeTimeout = TimeSpan.FromSeconds(20),
    };
}
