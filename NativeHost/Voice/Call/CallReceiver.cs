using System.Runtime.InteropServices;
using NAudio.Wave;
using SecureLink.Voice.Codec;
using SecureLink.Voice.Jitter;
using SecureLink.WebRtc.Media;

namespace SecureLink.Voice.Call;

/// <summary>
/// The receive half of a call without threads or devices: the network side hands in packets,
/// the playback device pulls PCM (this is its <see cref="IWaveProvider"/>), and every pull that
/// needs audio takes one jitter-buffer decision and decodes it (packet, FEC from the next packet,
/// or concealment). One lock serialises the two sides; decoding runs under it too, which costs
/// the network side at most one decode (~0.2 ms) of waiting and means no payload can be zeroed
/// while the decoder reads it.
/// </summary>
internal sealed class CallReceiver : IWaveProvider
{
    // An Opus packet is at most 1275 bytes per frame (RFC 6716 §3.4); anything bigger than an
    // Ethernet MTU did not come from a sane sender and is refused before the decoder sees it.
    internal const int MaxPayloadBytes = 1500;

    private readonly Lock _gate = new();
    private readonly JitterBuffer _jitter;
    private readonly OpusVoiceDecoder _decoder = new();
    private readonly StreamGuard _guard = new();
    private readonly ReceiveWindow _window = new();
    private readonly short[] _pcm = new short[VoiceFormat.MaxPacketSamples];
    private readonly Func<TimeSpan> _clock;
    private int _pcmOffset, _pcmCount;
    private long _received, _fec, _concealed, _invalid;
    private double _avgPayloadBytes;
    private bool _stopped;

    internal CallReceiver(JitterBufferOptions? options, Func<TimeSpan> clock)
    {
        _jitter = new JitterBuffer(options);
        _clock = clock;
    }

    /// <inheritdoc />
    public WaveFormat WaveFormat => VoiceFormat.WaveFormat;

    /// <summary>
    /// Offers one packet (network side; one caller at a time). The payload array is kept, so it
    /// must be the caller's private copy, as <see cref="ReceivedRtp.Payload"/> is.
    /// </summary>
    internal void Insert(in ReceivedRtp rtp, TimeSpan arrival)
    {
        Interlocked.Increment(ref _received);
        var payload = rtp.Payload;
        if (payload is null || payload.Length == 0 || payload.Length > MaxPayloadBytes)
        {
            Interlocked.Increment(ref _invalid);
            return;
        }
        var timestamp = rtp.Timestamp;
        if (!_guard.Check(rtp.SequenceNumber, ref timestamp))
        {
            Interlocked.Increment(ref _invalid);
            return;
        }
        lock (_gate)
        {
            if (_stopped) return;
            if (_jitter.Insert(rtp.SequenceNumber, timestamp, payload, arrival) && !OpusToc.IsDtxFrame(payload))
                _avgPayloadBytes += (payload.Length - _avgPayloadBytes) / 16;
        }
    }

    /// <summary>Fills <paramref name="buffer"/> completely (silence when there is nothing to play); never ends.</summary>
    public int Read(Span<byte> buffer)
    {
        var samples = MemoryMarshal.Cast<byte, short>(buffer);
        var written = 0;
        while (written < samples.Length)
        {
            if (_pcmCount == 0) PullFrame(_clock());
            var n = Math.Min(_pcmCount, samples.Length - written);
            _pcm.AsSpan(_pcmOffset, n).CopyTo(samples[written..]);
            _pcmOffset += n;
            _pcmCount -= n;
            written += n;
        }
        if ((buffer.Length & 1) != 0) buffer[^1] = 0;
        return buffer.Length;
    }

    /// <summary>
    /// Produces the next stretch of audio (usually 20 ms) into the internal buffer and returns its
    /// sample count; exposed so benchmarks can drive playout on a virtual clock.
    /// </summary>
    internal int PullFrame(TimeSpan now)
    {
        lock (_gate)
        {
            _pcmOffset = 0;
            if (_stopped)
            {
                _pcm.AsSpan(0, VoiceFormat.FrameSamples).Clear();
                return _pcmCount = VoiceFormat.FrameSamples;
            }
            var lostBefore = _jitter.LostCount;
            var frame = _jitter.Next(now);
            var lost = _jitter.LostCount != lostBefore;
            VoiceDecodeResult r;
            switch (frame.Kind)
            {
                case JitterFrameKind.Packet:
                    r = _decoder.Decode(frame.Payload.Span, _pcm);
                    if (MemoryMarshal.TryGetArray(frame.Payload, out var played)) played.AsSpan().Clear();
                    break;
                case JitterFrameKind.Fec:
                    r = _decoder.DecodeFec(frame.Payload.Span, _pcm);
                    break;
                case JitterFrameKind.Conceal:
                    r = _decoder.Conceal(_pcm);
                    break;
                default:
                    _pcm.AsSpan(0, VoiceFormat.FrameSamples).Clear();
                    return _pcmCount = VoiceFormat.FrameSamples;
            }
            Count(frame.Kind, r.Status, lost);
            // Each jitter-buffer slot is one 20 ms frame (the ptime we negotiate). A longer packet
            // (legal Opus, or garbage that happens to parse as 60–120 ms) would stall the buffer's
            // clock while it plays, pile up packets and force discards; it plays its first 20 ms.
            return _pcmCount = r.Samples > 0 ? Math.Min(r.Samples, VoiceFormat.FrameSamples) : ClearFrame();
        }
    }

    private int ClearFrame()
    {
        _pcm.AsSpan(0, VoiceFormat.FrameSamples).Clear();
        return VoiceFormat.FrameSamples;
    }

    private void Count(JitterFrameKind kind, VoiceDecodeStatus status, bool lost)
    {
        switch (status)
        {
            case VoiceDecodeStatus.RecoveredByFec: _fec++; break;
            case VoiceDecodeStatus.Concealed: _concealed++; break;
            case VoiceDecodeStatus.InvalidPayload: _invalid++; _concealed++; break;
        }
        if (kind == JitterFrameKind.Packet) _window.Add(lost: status == VoiceDecodeStatus.InvalidPayload, recovered: false);
        else if (lost) _window.Add(lost: true, recovered: status == VoiceDecodeStatus.RecoveredByFec);
    }

    /// <summary>A consistent snapshot of the receive side.</summary>
    internal ReceiveSnapshot Snapshot()
    {
        lock (_gate)
        {
            return new ReceiveSnapshot(_jitter.Stats, Interlocked.Read(ref _received), _fec, _concealed,
                Interlocked.Read(ref _invalid), _window.LossPercent, _window.ResidualLossPercent,
                _avgPayloadBytes * 8 * (1000.0 / VoiceFormat.FrameMilliseconds), _guard.TimestampsReplaced);
        }
    }

    /// <summary>Stops playout for good and zeroes everything held (dispose).</summary>
    internal void Clear()
    {
        lock (_gate)
        {
            _stopped = true;
            _jitter.Clear();
            Array.Clear(_pcm);
            _pcmCount = 0;
        }
    }
}

/// <summary>What <see cref="CallReceiver.Snapshot"/> returns.</summary>
internal readonly record struct ReceiveSnapshot(
    JitterBufferStats Jitter, long Received, long FecRecovered, long Concealed, long Invalid,
    double LossPercent, double ResidualLossPercent, double IncomingBitrate, long TimestampsReplaced);
