using Concentus;
using Concentus.Structs;

namespace SecureLink.Voice.Codec;

/// <summary>
/// Opus decoder for one incoming stream with the three ways to fill a frame: decode the packet,
/// rebuild a lost frame from the next packet's FEC copy, or conceal (PLC). A payload that is not
/// valid Opus never throws: the frame is concealed and the result says why, because a remote peer
/// (or a bit flip that slipped past nothing, since SRTP authenticates) must not end a call.
/// Not thread-safe.
/// </summary>
public sealed class OpusVoiceDecoder
{
#pragma warning disable CS0618 // the factory may load native libopus; we want the same managed bits everywhere
    private readonly OpusDecoder _decoder = new(VoiceFormat.SampleRate, VoiceFormat.Channels);
#pragma warning restore CS0618

    /// <summary>Frames rejected as invalid Opus.</summary>
    public long InvalidPayloads { get; private set; }

    /// <summary>
    /// Decodes a packet into <paramref name="pcm"/> (at least <see cref="VoiceFormat.MaxPacketSamples"/>
    /// samples to accept any legal Opus duration; 960 is enough for our own 20 ms packets).
    /// </summary>
    public VoiceDecodeResult Decode(ReadOnlySpan<byte> payload, Span<short> pcm)
    {
        if (IsTocOnly(payload)) return Conceal(pcm);
        var capacity = Math.Min(pcm.Length, VoiceFormat.MaxPacketSamples);
        if (!TryDecode(payload, pcm, capacity, fec: false, out var samples, out var error))
            return Invalid(pcm, error);
        return new VoiceDecodeResult(VoiceDecodeStatus.Decoded, samples);
    }

    /// <summary>
    /// Rebuilds the 20 ms frame BEFORE <paramref name="nextPayload"/> from its FEC copy. Without a
    /// FEC copy in that packet Opus falls back to concealment by itself. CELT-only packets never carry
    /// FEC, so those report <see cref="VoiceDecodeStatus.Concealed"/>; for SILK/hybrid packets the LBRR
    /// flag sits inside the range-coded data, so a packet sent while FEC was off also says "recovered".
    /// Afterwards decode <paramref name="nextPayload"/> normally for the next frame.
    /// </summary>
    public VoiceDecodeResult DecodeFec(ReadOnlySpan<byte> nextPayload, Span<short> pcm)
    {
        if (IsTocOnly(nextPayload)) return Conceal(pcm);
        var frame = RequireFrame(pcm);
        if (!TryDecode(nextPayload, frame, VoiceFormat.FrameSamples, fec: true, out var samples, out var error))
            return Invalid(pcm, error);
        var status = OpusToc.CanCarryFec(nextPayload) ? VoiceDecodeStatus.RecoveredByFec : VoiceDecodeStatus.Concealed;
        return new VoiceDecodeResult(status, samples);
    }

    /// <summary>Invents one 20 ms frame with Opus's packet-loss concealment.</summary>
    public VoiceDecodeResult Conceal(Span<short> pcm)
    {
        var frame = RequireFrame(pcm);
        if (!TryDecode(ReadOnlySpan<byte>.Empty, frame, VoiceFormat.FrameSamples, fec: false, out var samples, out _))
        {
            frame.Clear();
            samples = VoiceFormat.FrameSamples;
        }
        return new VoiceDecodeResult(VoiceDecodeStatus.Concealed, samples);
    }

    // A lone TOC byte of frame-count code 0 or 1 is a legal packet of empty frames: what DTX sends
    // in silence (RFC 6716 §3.2.1: a zero-length frame means DTX or loss; codes 2 and 3 need more
    // bytes). Concentus throws on it, which made every DTX frame count as invalid and reset the
    // decoder (fuzzing finding F5, docs/fuzzing.md). An empty payload is concealed too.
    private static bool IsTocOnly(ReadOnlySpan<byte> payload) => payload.IsEmpty || (payload.Length == 1 && (payload[0] & 0x3) <= 1);

    private VoiceDecodeResult Invalid(Span<short> pcm, string error)
    {
        InvalidPayloads++;
        var concealed = Conceal(pcm);
        return new VoiceDecodeResult(VoiceDecodeStatus.InvalidPayload, concealed.Samples, error);
    }

    private bool TryDecode(ReadOnlySpan<byte> payload, Span<short> pcm, int frameSize, bool fec, out int samples, out string error)
    {
        error = "";
        samples = 0;
        try
        {
            samples = _decoder.Decode(payload, pcm, frameSize, fec);
            if (samples > 0) return true;
            error = "decoder produced no samples";
        }
        catch (OpusException ex)
        {
            error = $"invalid Opus packet ({ex.Message})";
        }
        // The managed decoder can index out of range on hostile input before it validates;
        // its state is then suspect, so it is reset below.
        catch (Exception ex) when (ex is IndexOutOfRangeException or ArgumentException or InvalidOperationException or OverflowException or NullReferenceException)
        {
            error = $"invalid Opus packet ({ex.GetType().Name})";
        }
        _decoder.ResetState();
        return false;
    }

    private static Span<short> RequireFrame(Span<short> pcm)
    {
        if (pcm.Length < VoiceFormat.FrameSamples)
            throw new ArgumentException($"need room for {VoiceFormat.FrameSamples} samples", nameof(pcm));
        return pcm[..VoiceFormat.FrameSamples];
    }
}
