using NAudio.Wave;
using NAudio.Wave.SampleProviders;
using SecureLink.Voice.Codec;

namespace SecureLink.Voice.Devices;

/// <summary>The conversions every source of call audio goes through on its way to the encoder.</summary>
internal static class VoiceSampleChain
{
    /// <summary>Any float stream → mono at 48 kHz: channels averaged, rate converted with NAudio's WDL resampler.</summary>
    public static ISampleProvider ToVoiceMono(ISampleProvider s)
    {
        if (s.WaveFormat.Channels == 2) s = new StereoToMonoSampleProvider(s);
        else if (s.WaveFormat.Channels > 2) s = new ChannelAverager(s);
        if (s.WaveFormat.SampleRate != VoiceFormat.SampleRate) s = new WdlResamplingSampleProvider(s, VoiceFormat.SampleRate);
        return s;
    }

    /// <summary>Float samples (±1.0) → 16-bit, rounded and clipped.</summary>
    public static void ToPcm16(ReadOnlySpan<float> samples, Span<short> pcm)
    {
        for (var i = 0; i < samples.Length; i++)
            pcm[i] = (short)Math.Clamp(MathF.Round(samples[i] * 32767f), short.MinValue, short.MaxValue);
    }

    /// <summary>Whether <paramref name="f"/> is the call format: 48 kHz mono 16-bit PCM.</summary>
    public static bool IsVoiceFormat(WaveFormat f) =>
        f.SampleRate == VoiceFormat.SampleRate && f.Channels == 1 && f.BitsPerSample == 16 && f.Encoding == WaveFormatEncoding.Pcm;

    /// <summary>
    /// The plain form of a device format (WASAPI mix formats come as WAVEFORMATEXTENSIBLE), or an
    /// exception naming it when NAudio.Core has no converter for it.
    /// </summary>
    public static WaveFormat Standard(WaveFormat deviceFormat, string what)
    {
        ArgumentNullException.ThrowIfNull(deviceFormat);
        var f = deviceFormat.AsStandardWaveFormat();
        var ok = f.Channels is >= 1 and <= 32 && f.SampleRate is >= 8000 and <= 384000 && f.Encoding switch
        {
            WaveFormatEncoding.Pcm => f.BitsPerSample is 16 or 24 or 32,
            WaveFormatEncoding.IeeeFloat => f.BitsPerSample == 32,
            _ => false,
        };
        if (!ok) throw new NotSupportedException($"the {what} uses {deviceFormat.Encoding} {deviceFormat.BitsPerSample} bit, {deviceFormat.Channels} channel(s) at {deviceFormat.SampleRate} Hz, which calls cannot convert");
        return f;
    }
}
