using SecureLink.WebRtc.Transport;

namespace SecureLink.WebRtc.Sctp;

/// <summary>Settings of one SCTP association (RFC 8841 ports and message sizes come from SDP).</summary>
public sealed class SctpOptions
{
    public ushort LocalPort { get; init; } = 5000;
    public ushort RemotePort { get; init; } = 5000;

    /// <summary>True when our DTLS role is Client: we send INIT. The other side waits, but also copes
    /// with INIT collision (both sides sending INIT, as usrsctp-based peers may).</summary>
    public bool IsClient { get; init; }

    /// <summary>Largest message we reassemble (what we advertise in a=max-message-size); larger ones are dropped and counted.</summary>
    public int MaxReceiveMessageSize { get; init; } = 262144;

    /// <summary>Largest message the peer takes (its a=max-message-size; absent means 65536). Larger sends are refused.</summary>
    public int RemoteMaxMessageSize { get; init; } = 65536;

    /// <summary>Receive window we advertise (a_rwnd). Large, so one channel can fill a fast link.</summary>
    public int ReceiveWindow { get; init; } = 1024 * 1024;

    /// <summary>Bytes queued for sending (not yet acknowledged) above which SendAsync waits: backpressure, bounded memory.</summary>
    public int SendBufferHighWater { get; init; } = 4 * 1024 * 1024;

    /// <summary>How long DisposeAsync waits for the graceful SHUTDOWN before it sends ABORT.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>RTO bounds (RFC 9260 §6.3.1 / §16). WebRTC stacks run far below RFC's 1 s minimum;
    /// we keep the RFC's 1 s initial value (no RTT sample yet) but allow 200 ms once measured.</summary>
    public TimeSpan RtoInitial { get; init; } = TimeSpan.FromSeconds(1);
    public TimeSpan RtoMin { get; init; } = TimeSpan.FromMilliseconds(200);
    public TimeSpan RtoMax { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>INIT / COOKIE-ECHO / SHUTDOWN retransmissions before the association gives up ("timeout").</summary>
    public int MaxInitRetransmits { get; init; } = 8;

    /// <summary>Consecutive T3-rtx expiries without progress before the association gives up ("timeout").</summary>
    public int MaxAssociationRetransmits { get; init; } = 10;

    public ILog Log { get; init; } = NullLog.Instance;
}
