using Concentus.Enums;
using Concentus.Structs;

namespace SecureLink.Voice.Codec;

/// <summary>
/// Opus encoder for voice: 48 kHz mono, 20 ms frames, VOIP application, in-band FEC and DTX on.
/// Uses Concentus's managed encoder directly (not the factory) so every machine produces the same
/// bits and no native libopus is probed. Not thread-safe: one encoder per outgoing stream.
/// </summary>
public sealed class OpusVoiceEncoder
{
    private readonly OpusEncoder _encoder;

    /// <summary>Creates an encoder with <see cref="OpusEncoderSettings.Default"/> unless told otherwise.</summary>
    public OpusVoiceEncoder(OpusEncoderSettings? settings = null)
    {
#pragma warning disable CS0618 // the factory may load native libopus; we want the same managed bits everywhere
        _encoder = new OpusEncoder(VoiceFormat.SampleRate, VoiceFormat.Channels, OpusApplication.OPUS_APPLICATION_VOIP);
#pragma warning restore CS0618
        _encoder.UseDTX = true;
        _encoder.UseVBR = true;
        _encoder.Complexity = 10;
        _encoder.SignalType = OpusSignal.OPUS_SIGNAL_VOICE;
        Apply(settings ?? OpusEncoderSettings.Default);
    }

    /// <summary>The settings in force.</summary>
    public OpusEncoderSettings Settings { get; private set; } = OpusEncoderSettings.Default;

    /// <summary>Changes bitrate, FEC and loss hint between frames (what the adaptation policy chose).</summary>
    public void Apply(OpusEncoderSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _encoder.Bitrate = Math.Clamp(settings.BitrateBitsPerSecond, 6_000, 510_000);
        _encoder.UseInbandFEC = settings.InbandFec;
        _encoder.PacketLossPercent = Math.Clamp(settings.ExpectedLossPercent, 0, 100);
        _encoder.MaxBandwidth = settings.MaxBandwidth switch
        {
            VoiceBandwidth.Narrowband => OpusBandwidth.OPUS_BANDWIDTH_NARROWBAND,
            VoiceBandwidth.Wideband => OpusBandwidth.OPUS_BANDWIDTH_WIDEBAND,
            VoiceBandwidth.SuperWideband => OpusBandwidth.OPUS_BANDWIDTH_SUPERWIDEBAND,
            _ => OpusBandwidth.OPUS_BANDWIDTH_FULLBAND,
        };
        Settings = settings;
    }

    /// <summary>
    /// Encodes exactly one 20 ms frame (<see cref="VoiceFormat.FrameSamples"/> samples) into
    /// <paramref name="packet"/> and returns the byte count. With DTX a silent frame comes out as
    /// 1–2 bytes; the caller may skip sending such packets (RFC 7587 §3.1.3).
    /// </summary>
    public int Encode(ReadOnlySpan<short> frame, Span<byte> packet)
    {
        if (frame.Length != VoiceFormat.FrameSamples)
            throw new ArgumentException($"a frame is {VoiceFormat.FrameSamples} samples, got {frame.Length}", nameof(frame));
        return _encoder.Encode(frame, VoiceFormat.FrameSamples, packet, packet.Length);
    }
}
