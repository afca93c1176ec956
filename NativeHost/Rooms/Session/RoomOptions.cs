using System.Net;
using SecureLink.Rooms.Codes;
using SecureLink.WebRtc.Transport;

namespace SecureLink.Rooms.Session;

/// <summary>How a room is made. Defaults are the product's; tests shorten timeouts and pin addresses.</summary>
public sealed class RoomOptions
{
    public ConnectMode Mode { get; init; } = ConnectMode.Offline;

    /// <summary>Internet mode only: "HOST:PORT" or "stun:HOST:PORT".</summary>
    public IReadOnlyList<string> StunServers { get; init; } = [];

    /// <summary>4..10.</summary>
    public int PinDigits { get; init; } = 4;

    /// <summary>10 s..1 h.</summary>
    public TimeSpan ExpiresIn { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Gather on loopback too (tests in one process).</summary>
    public bool IncludeLoopback { get; init; }

    /// <summary>Optional extra filter on local addresses (tests).</summary>
    public Func<IPAddress, bool>? AddressFilter { get; init; }

    /// <summary>Creator: how long ICE may look for a path after room.accept (DESIGN: failed within 30 s).</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(25);

    /// <summary>RFC 7675 consent: silence this long means the peer is unreachable.</summary>
    public TimeSpan ConsentTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Time allowed for the PIN check once the channel is open.</summary>
    public TimeSpan PakeTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public TimeProvider Time { get; init; } = TimeProvider.System;

    public ILog Log { get; init; } = NullLog.Instance;
}
