using SecureLink.Voice.Codec;

namespace SecureLink.Voice.Call;

/// <summary>
/// The send half of a call without threads or devices: one 20 ms frame in, at most one Opus
/// payload out with its RTP timestamp and marker. Frames are numbered by the caller from the
/// capture clock, so the timestamp keeps advancing through frames that are not sent (DTX, mute)
/// and the first packet after such a gap carries the marker (RFC 3551 §4.1, RFC 7587 §3.1.3).
/// Not thread-safe: one loop drives it.
/// </summary>
internal sealed class CallSender
{
    private readonly OpusVoiceEncoder _encoder;
    private readonly BitrateAdaptationPolicy _policy = new();
    private readonly bool _fec;
    private readonly byte[] _packet = new byte[VoiceFormat.MaxPacketBytes];
    private readonly uint _timestampBase;
    private long _lastSentIndex = long.MinValue;
    private double? _smoothedLoss;
    private int _bitrate;

    internal CallSender(bool inbandFec, uint timestampBase)
    {
        _fec = inbandFec;
        _timestampBase = timestampBase;
        _encoder = new OpusVoiceEncoder(OpusEncoderSettings.Default with { InbandFec = inbandFec });
        _bitrate = _encoder.Settings.BitrateBitsPerSecond;
    }

    /// <summary>The encoder's target bitrate (any thread).</summary>
    internal int BitrateBps => Volatile.Read(ref _bitrate);

    /// <summary>The encoded payload of the last <see cref="Encode"/> that returned a length.</summary>
    internal ReadOnlyMemory<byte> Packet(int length) => _packet.AsMemory(0, length);

    /// <summary>Frames that came out as DTX (not sent).</summary>
    internal long DtxFrames { get; private set; }

    /// <summary>
    /// Encodes frame number <paramref name="frameIndex"/>. Returns the payload length to send, or 0
    /// when nothing should go out (a DTX frame).
    /// </summary>
    internal int Encode(ReadOnlySpan<short> frame, long frameIndex, out uint timestamp, out bool marker)
    {
        timestamp = unchecked(_timestampBase + (uint)(frameIndex * VoiceFormat.FrameSamples));
        marker = false;
        var n = _encoder.Encode(frame, _packet);
        if (n <= 0) return 0;
        if (OpusToc.IsDtxFrame(_packet.AsSpan(0, n)))
        {
            DtxFrames++;
            return 0;
        }
        marker = frameIndex != _lastSentIndex + 1;
        _lastSentIndex = frameIndex;
        return n;
    }

    /// <summary>
    /// Feeds the loss the peer reported about our stream. Receiver reports are per interval and
    /// noisy (one lost packet in 50 is 2 %), so the value is smoothed before the policy sees it;
    /// rises count fully at once, falls only halfway, so the encoder protects early and relaxes late.
    /// Returns true when the encoder settings changed.
    /// </summary>
    internal bool Adapt(double? remoteLossPercent)
    {
        if (remoteLossPercent is not { } loss || double.IsNaN(loss)) return false;
        loss = Math.Clamp(loss, 0, 100);
        _smoothedLoss = _smoothedLoss is { } prev && loss < prev ? (prev + loss) / 2 : loss;
        var chosen = _policy.Choose(_smoothedLoss.Value);
        if (!_fec) chosen = chosen with { InbandFec = false };
        if (chosen == _encoder.Settings) return false;
        _encoder.Apply(chosen);
        Volatile.Write(ref _bitrate, chosen.BitrateBitsPerSecond);
        return true;
    }

    /// <summary>The settings in force (for logs and tests).</summary>
    internal OpusEncoderSettings Settings => _encoder.Settings;

    /// <summary>Zeroes the packet buffer (dispose).</summary>
    internal void Clear() => Array.Clear(_packet);
}
