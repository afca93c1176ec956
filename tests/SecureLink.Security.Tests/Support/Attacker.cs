using System.Net;
using SecureLink.Rooms.Session;

namespace SecureLink.Security.Tests.Support;

/// <summary>
/// The attacker's own copy of SecureLink, in this test process: a joiner pinned to one address,
/// so an attack can come from many addresses at once. Short timeouts, because an attacker waits
/// for nobody.
/// </summary>
public static class Attacker
{
    public static RoomOptions From(IPAddress address) => new()
    {
        AddressFilter = a => a.Equals(address),
        PakeTimeout = TimeSpan.FromSeconds(20),
        ConnectTimeout = TimeSpan.FromSeconds(20),
    };

    /// <summary>Every 4-digit PIN but <paramref name="right"/>, in a fixed shuffled order.</summary>
    public static IEnumerable<string> WrongPins(string right) =>
        Enumerable.Range(0, 10_000).Select(n => n.ToString("D4", System.Globalization.CultureInfo.InvariantCulture))
            .Where(p => p != right).OrderBy(p => (p.GetHashCode(StringComparison.Ordinal) * 31) ^ 0x5a5a);

    /// <summary>Records a room's events for a test to read.</summary>
    public sealed class Probe
    {
        private readonly List<RoomEvent> _seen = [];
        public Action<RoomEvent> Sink => e => { lock (_seen) _seen.Add(e); };
        public IReadOnlyList<RoomStateChanged> States { get { lock (_seen) return [.. _seen.OfType<RoomStateChanged>()]; } }

        public async Task<RoomStateChanged> WaitStateAsync(RoomState state, int seconds = 40)
        {
            var until = DateTime.UtcNow.AddSeconds(seconds);
            while (DateTime.UtcNow < until)
            {
                if (States.FirstOrDefault(s => s.To == state) is { } hit) return hit;
                await Task.Delay(50);
            }
            throw new TimeoutException($"no {state} in {seconds} s; saw {string.Join(", ", States.Select(s => $"{s.To}({s.ReasonCode})"))}");
        }
    }
}
