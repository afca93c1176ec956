using System.Buffers;

namespace SecureLink.WebRtc.Sctp.Association;

/// <summary>A user message on its way out: one pooled copy of its bytes, shared by its fragments,
/// returned to the pool when the last fragment is acknowledged or abandoned.</summary>
internal sealed class OutboundMessage
{
    public required ushort StreamId { get; init; }
    public required uint Ppid { get; init; }
    public required bool Unordered { get; init; }
    public int? MaxRetransmits { get; init; }
    public long ExpiresAtMs { get; init; } = long.MaxValue;
    public BufferedAmountCounter? Counter { get; init; }
    public byte[] Buffer { get; set; } = [];
    public int Length { get; init; }
    public ushort Ssn { get; set; }
    public bool Abandoned { get; set; }
    public int FragmentsLeft { get; set; }
    public List<OutboundChunk> Fragments { get; } = new(1);

    public bool IsPartiallyReliable => MaxRetransmits is not null || ExpiresAtMs != long.MaxValue;

    /// <summary>One fragment is done (acked or abandoned); the last one frees the buffer.</summary>
    public void FragmentDone(int payloadLength)
    {
        Counter?.Add(-payloadLength);
        if (--FragmentsLeft == 0 && Buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(Buffer, clearArray: true); // plaintext chat must not linger in a shared pool
            Buffer = [];
        }
    }
}

/// <summary>One DATA chunk's worth of a message, and its transmission bookkeeping.</summary>
internal sealed class OutboundChunk(OutboundMessage message, int offset, int length, bool beginning, bool ending)
{
    public OutboundMessage Message { get; } = message;
    public int Offset { get; } = offset;
    public int Length { get; } = length;
    public bool Beginning { get; } = beginning;
    public bool Ending { get; } = ending;
    public uint Tsn { get; set; }
    public long SentAtMs { get; set; }
    public int TransmitCount { get; set; }
    public bool Acked { get; set; }
    public bool Abandoned { get; set; }
    public bool InFlight { get; set; }
    public bool MarkedForRetransmit { get; set; }
    public bool FastRetransmitted { get; set; }
    public int MissIndications { get; set; }

    public ReadOnlySpan<byte> Payload => Message.Buffer.AsSpan(Offset, Length);
}
