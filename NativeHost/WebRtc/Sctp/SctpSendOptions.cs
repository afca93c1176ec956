namespace SecureLink.WebRtc.Sctp;

/// <summary>How one message is sent: ordering and partial reliability (RFC 3758 policies as in RFC 8831 §6.1).</summary>
public sealed class SctpSendOptions
{
    public static SctpSendOptions Reliable { get; } = new();

    public bool Unordered { get; init; }

    /// <summary>Give up after this many retransmissions (null: reliable).</summary>
    public int? MaxRetransmits { get; init; }

    /// <summary>Give up once the message is this old (null: no limit).</summary>
    public int? MaxPacketLifeTimeMs { get; init; }

    /// <summary>Counts this message's bytes until acknowledged or abandoned (a data channel's bufferedAmount).</summary>
    public BufferedAmountCounter? Counter { get; init; }
}

/// <summary>A byte count shared by the sender and the association loop.</summary>
public sealed class BufferedAmountCounter
{
    private long _value;
    public long Value => Interlocked.Read(ref _value);
    internal void Add(long delta) => Interlocked.Add(ref _value, delta);
}

/// <summary>What the association delivers upward, in order, from one dispatch task.</summary>
public interface ISctpReceiver
{
    /// <summary>A complete message.</summary>
    void OnMessage(ushort streamId, uint ppid, byte[] data);

    /// <summary>The peer reset these outgoing streams (our incoming ones): for data channels, a close.</summary>
    void OnIncomingStreamsReset(IReadOnlyList<ushort> streamIds);

    /// <summary>The association is gone; nothing follows.</summary>
    void OnClosed(string reason);
}

/// <summary>The association failed to come up or was closed under a pending call.</summary>
public sealed class SctpAssociationException(string message) : Exception(message);
