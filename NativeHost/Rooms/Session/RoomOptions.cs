using System.Net;
using SecureLink.Rooms.Call;
using SecureLink.Rooms.Codes;
using SecureLink.WebRtc.Transport;

namespace SecureLink.Rooms.Session;

/// <summary>How a room is made. Defaults are the product's; tests shorten timeouts and pin addresses.</summary>
public sealed record RoomOptions
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

    /// <summary>Opens the microphone and speaker of each call (the host: from SECURELINK_AUDIO_IN / _OUT).</summary>
    public ICallDevices CallDevices { get; init; } = SilentCallDevices.Instance;

    /// <summary>How long a call rings before it ends with no_answer (tests shorten it through the host's tune hook).</summary>
    public TimeSpan RingTimeout { get; init; } = CallMachine.DefaultRingTimeout;

    /// <summary>How often an active call reports its statistics (the protocol promises at least twice a second).</summary>
    public TimeSpan CallStatsInterval { get; init; } = TimeSpan.FromMilliseconds(400);

    public TimeProvider Time { get; init; } = TimeProvider.System;

    public ILog Log { get; init; } = NullLog.Instance;
}
