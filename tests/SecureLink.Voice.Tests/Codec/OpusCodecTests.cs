using SecureLink.Voice.Codec;
using Xunit.Abstractions;

namespace SecureLink.Voice.Tests.Codec;

public sealed class OpusCodecTests(ITestOutputHelper output)
{
    private const int OneSecond = VoiceFormat.SampleRate;

    [Fact]
    public void A_1kHz_sine_comes_back_at_1kHz_with_a_decent_snr()
    {
        var input = Signals.Sine(1000, 2 * OneSecond);
        var decoded = CodecPipeline.Decode(CodecPipeline.Encode(input, OpusEncoderSettings.Default), _ => false, CodecPipeline.Repair.Plc);

        Assert.Equal(1000, Signals.PeakFrequency(decoded.AsSpan(OneSecond / 2, OneSecond)));
        var lag = Signals.BestLag(input, decoded, 600);
        var snr = Signals.SnrDb(input, decoded, lag, skip: OneSecond / 10);
        output.WriteLine($"lag {lag} samples, SNR {snr:F1} dB");
        Assert.True(snr > 10, $"SNR {snr:F1} dB");
    }

    // SNR is measured against the loss-free decode of the same packets: SILK does not match the
    // waveform's phase, so SNR against the input says little, while against the clean decode it
    // isolates exactly what the loss (and its repair) cost.
    [Theory]
    [InlineData(0.5)]  // 32 kb/s full band
    [InlineData(5.0)]  // 24 kb/s wideband
    [InlineData(15.0)] // 16 kb/s narrowband
    public void Dropping_every_10th_packet_FEC_recovery_beats_plain_concealment(double measuredLoss)
    {
        var input = Signals.SpeechLike(4 * OneSecond);
        var settings = new BitrateAdaptationPolicy().Choose(measuredLoss) with { ExpectedLossPercent = 10 };
        var packets = CodecPipeline.Encode(input, settings);
        bool Lost(int i) => i % 10 == 5;

        var clean = CodecPipeline.Decode(packets, _ => false, CodecPipeline.Repair.Plc);
        var statuses = new List<VoiceDecodeStatus>();
        var plc = CodecPipeline.Decode(packets, Lost, CodecPipeline.Repair.Plc);
        var fec = CodecPipeline.Decode(packets, Lost, CodecPipeline.Repair.Fec, statuses);

        double Snr(short[] x) => Signals.SnrDb(clean, x, 0);
        output.WriteLine($"{settings}: SNR vs loss-free decode: PLC {Snr(plc):F2} dB, FEC {Snr(fec):F2} dB");
        Assert.Equal(packets.Count / 10, statuses.Count(s => s == VoiceDecodeStatus.RecoveredByFec));
        Assert.True(Snr(fec) > Snr(plc) + 3, $"FEC {Snr(fec):F2} dB vs PLC {Snr(plc):F2} dB");
    }

    [Fact]
    public void A_dtx_frame_is_concealed_not_invalid()
    {
        // A TOC-only packet (what DTX sends in silence) is legal Opus: concealed, not counted as invalid (finding F5).
        var decoder = new OpusVoiceDecoder();
        var pcm = new short[VoiceFormat.FrameSamples];
        Assert.Equal(VoiceDecodeStatus.Concealed, decoder.Decode(new byte[] { 0x78 }, pcm).Status);
        Assert.Equal(VoiceDecodeStatus.Concealed, decoder.DecodeFec(new byte[] { 0x78 }, pcm).Status);
        Assert.Equal(0, decoder.InvalidPayloads);
    }

    [Fact]
    public void Silence_with_DTX_shrinks_to_tiny_packets()
    {
        var packets = CodecPipeline.Encode(new short[OneSecond], OpusEncoderSettings.Default);
        // After a short hangover DTX sends 1-byte frames, with a comfort-noise update every 400 ms.
        var tail = packets.Skip(10).ToList();
        Assert.True(tail.Count(p => OpusToc.IsDtxFrame(p)) >= tail.Count * 8 / 10, string.Join(",", packets.Select(p => p.Length)));
    }

    [Fact]
    public void Lower_bitrate_settings_produce_smaller_packets()
    {
        var input = Signals.SpeechLike(OneSecond);
        var high = CodecPipeline.Encode(input, new OpusEncoderSettings(32_000, true, 1)).Sum(p => p.Length);
        var low = CodecPipeline.Encode(input, new OpusEncoderSettings(16_000, true, 1)).Sum(p => p.Length);
        output.WriteLine($"32k: {high * 8} bit/s, 16k: {low * 8} bit/s");
        Assert.InRange(high * 8, 24_000, 40_000);
        Assert.InRange(low * 8, 10_000, 20_000);
    }

    [Fact]
    public void Encoder_refuses_a_frame_of_the_wrong_size()
    {
        var e = new OpusVoiceEncoder();
        Assert.Throws<ArgumentException>(() => e.Encode(new short[480], new byte[1275]));
    }

    [Theory]
    [InlineData(new byte[] { 0xFF })]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF })]
    [InlineData(new byte[] { 0x03, 0xFF })] // code 3 with an impossible frame count
    [InlineData(new byte[] { 0x4B, 0x41, 0x00 })]
    public void Garbage_payload_is_a_handled_error_and_concealed(byte[] garbage)
    {
        var decoder = new OpusVoiceDecoder();
        var pcm = new short[VoiceFormat.MaxPacketSamples];
        var r = decoder.Decode(garbage, pcm);
        Assert.True(r.Status is VoiceDecodeStatus.InvalidPayload or VoiceDecodeStatus.Decoded, r.ToString());
        Assert.True(r.Samples > 0);
        if (r.Status == VoiceDecodeStatus.InvalidPayload) Assert.False(string.IsNullOrEmpty(r.Error));
    }

    [FsCheck.Xunit.Property(MaxTest = 500)]
    public bool Any_bytes_decode_without_throwing_and_the_decoder_still_works(byte[] garbage)
    {
        var decoder = new OpusVoiceDecoder();
        var pcm = new short[VoiceFormat.MaxPacketSamples];
        var r = decoder.Decode(garbage ?? [], pcm);
        var valid = r.Samples is > 0 and <= VoiceFormat.MaxPacketSamples;
        var good = CodecPipeline.Encode(Signals.Sine(440, VoiceFormat.FrameSamples), OpusEncoderSettings.Default)[0];
        return valid && decoder.Decode(good, pcm).Status == VoiceDecodeStatus.Decoded;
    }

    [Fact]
    public void A_payload_that_fails_validation_is_counted()
    {
        var decoder = new OpusVoiceDecoder();
        var pcm = new short[VoiceFormat.MaxPacketSamples];
        var r = decoder.Decode(new byte[] { 0x03, 0xFF }, pcm);
        Assert.Equal(VoiceDecodeStatus.InvalidPayload, r.Status);
        Assert.Equal(1, decoder.InvalidPayloads);
        Assert.Equal(VoiceFormat.FrameSamples, r.Samples);
    }

    [Theory]
    [InlineData(0.0, 32_000)]
    [InlineData(1.9, 32_000)]
    [InlineData(2.0, 24_000)]
    [InlineData(10.0, 24_000)]
    [InlineData(10.1, 16_000)]
    [InlineData(60.0, 16_000)]
    [InlineData(double.NaN, 32_000)]
    public void Policy_maps_loss_to_bitrate_bands(double loss, int bitrate)
    {
        var s = new BitrateAdaptationPolicy().Choose(loss);
        Assert.Equal(bitrate, s.BitrateBitsPerSecond);
        Assert.True(s.InbandFec);
        Assert.InRange(s.ExpectedLossPercent, 1, 100);
    }

    [Fact]
    public void Applying_settings_changes_the_encoder()
    {
        var e = new OpusVoiceEncoder();
        var s = new BitrateAdaptationPolicy().Choose(15);
        e.Apply(s);
        Assert.Equal(s, e.Settings);
        Assert.Equal(15, e.Settings.ExpectedLossPercent);
    }
}
