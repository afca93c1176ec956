using SecureLink.Voice.Jitter;
using SecureLink.WebRtc.Transport;

namespace SecureLink.Voice.Call;

/// <summary>How a <see cref="VoiceCall"/> codes and plays out audio.</summary>
public sealed class VoiceCallOptions
{
    /// <summary>Opus in-band FEC on our stream (each packet carries a copy of the previous frame).</summary>
    public bool InbandFec { get; init; } = true;

    /// <summary>Lower the bitrate (and the band) when the peer reports loss of our stream.</summary>
    public bool AdaptBitrate { get; init; } = true;

    /// <summary>Jitter buffer tuning; null = the defaults.</summary>
    public JitterBufferOptions? Jitter { get; init; }

    /// <summary>Where state changes and device errors go (never audio content).</summary>
    public ILog Log { get; init; } = NullLog.Instance;
}
