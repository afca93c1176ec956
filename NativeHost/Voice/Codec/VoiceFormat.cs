namespace SecureLink.Voice.Codec;

/// <summary>
/// The one audio format every voice part agrees on: 48 kHz mono signed 16-bit, 20 ms frames.
/// Opus runs at 48 kHz internally, so no resampling happens between device and codec.
/// </summary>
public static class VoiceFormat
{
    /// <summary>Samples per second (also the RTP clock rate of Opus, RFC 7587).</summary>
    public const int SampleRate = 48_000;

    /// <summary>Channel count; voice is mono (the SDP still says opus/48000/2, RFC 7587 §7).</summary>
    public const int Channels = 1;

    /// <summary>Duration of one frame in milliseconds.</summary>
    public const int FrameMilliseconds = 20;

    /// <summary>Samples in one 20 ms frame (also the RTP timestamp step per packet).</summary>
    public const int FrameSamples = SampleRate / 1000 * FrameMilliseconds;

    /// <summary>Bytes of one 20 ms frame of S16LE PCM.</summary>
    public const int FrameBytes = FrameSamples * 2;

    /// <summary>Largest Opus packet duration (120 ms) in samples: the safe decode buffer size.</summary>
    public const int MaxPacketSamples = SampleRate / 1000 * 120;

    /// <summary>Largest encoded packet we produce; RFC 6716 recommends 1275 bytes per frame at most.</summary>
    public const int MaxPacketBytes = 1275;

    /// <summary>The matching NAudio format.</summary>
    public static NAudio.Wave.WaveFormat WaveFormat { get; } = new(SampleRate, 16, Channels);
}
