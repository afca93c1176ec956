namespace SecureLink.WebRtc.DataChannels;

/// <summary>How a data channel is opened (RFC 8831 §6.1 reliability, RFC 8832 negotiation).</summary>
public sealed class DataChannelOptions
{
    public bool Ordered { get; init; } = true;
    public int? MaxRetransmits { get; init; }
    public int? MaxPacketLifeTimeMs { get; init; }
    public string Protocol { get; init; } = "";

    /// <summary>The stream id to use (required when <see cref="Negotiated"/>).</summary>
    public ushort? Id { get; init; }

    /// <summary>True: both sides create the channel with the same id out of band; no DCEP is sent.</summary>
    public bool Negotiated { get; init; }
}

public enum DataChannelState { Connecting, Open, Closing, Closed }

/// <summary>One received message: text (PPID 51/56) or binary (PPID 53/57).</summary>
public sealed record DataChannelMessage(bool IsText, byte[] Data)
{
    public string Text => System.Text.Encoding.UTF8.GetString(Data);
}
