using System.Buffers.Binary;
using SecureLink.WebRtc.Rtp;

namespace SecureLink.WebRtc.Srtp;

/// <summary>
/// One direction of SRTP/SRTCP under one master key (RFC 3711 §3.2): outbound contexts protect,
/// inbound contexts unprotect. Session keys are derived once (kdr 0); each SSRC gets its own ROC,
/// replay lists and SRTCP index, created on the first packet that authenticates, so forged packets
/// with made-up SSRCs cost no memory.
/// </summary>
/// <remarks>
/// Not thread-safe: each direction is driven by one loop. The counters may be read from anywhere.
/// Destination spans may be the source span itself (in place) or a separate buffer; they must
/// hold the input plus <see cref="RtpOverhead"/> / <see cref="RtcpOverhead"/> when protecting and
/// the input's length when unprotecting. Nothing throws on the per-packet path.
/// </remarks>
public sealed class SrtpContext : IDisposable
{
    /// <summary>Per-SSRC state is kept for at most this many sources; the oldest-created is dropped beyond it.</summary>
    public const int MaxStreams = 256;

    private readonly SrtpTransform _transform;
    private readonly Dictionary<uint, SrtpStreamState> _streams = [];
    private readonly Queue<(uint Ssrc, SrtpStreamState State)> _streamOrder = new();
    private long _protected, _unprotected, _replayed, _authFailed, _malformed;
    private bool _disposed;

    /// <summary>Derives the session keys from <paramref name="masterKey"/> (RFC 3711 §4.3, kdr 0).</summary>
    public SrtpContext(SrtpMasterKey masterKey)
    {
        ArgumentNullException.ThrowIfNull(masterKey);
        Profile = masterKey.Profile;
        var keys = SrtpKeyDerivation.DeriveAll(masterKey);
        try { _transform = SrtpTransform.Create(Profile, keys); }
        finally { keys.Clear(); }
    }

    /// <summary>Keyed with session keys directly: RFC 7714's vectors publish those, not master keys.</summary>
    internal SrtpContext(SrtpProfile profile, SrtpSessionKeys sessionKeys)
    {
        Profile = profile;
        _transform = SrtpTransform.Create(profile, sessionKeys);
    }

    public SrtpProfile Profile { get; }

    /// <summary>Bytes SRTP adds to an RTP packet (the tag).</summary>
    public int RtpOverhead => _transform.TagLength;

    /// <summary>Bytes SRTCP adds to an RTCP packet (the tag and the E-flag/index word).</summary>
    public int RtcpOverhead => _transform.RtcpOverhead;

    /// <summary>Packets protected by this context.</summary>
    public long Protected => Interlocked.Read(ref _protected);

    /// <summary>Packets that unprotected successfully.</summary>
    public long Unprotected => Interlocked.Read(ref _unprotected);

    /// <summary>Packets dropped as already seen or older than the replay window.</summary>
    public long Replayed => Interlocked.Read(ref _replayed);

    /// <summary>Packets dropped because their tag did not verify.</summary>
    public long AuthFailed => Interlocked.Read(ref _authFailed);

    /// <summary>Packets dropped because they were not well-formed SRTP/SRTCP.</summary>
    public long Malformed => Interlocked.Read(ref _malformed);

    /// <summary>The rollover counter this context holds for <paramref name="ssrc"/>, if it has seen it.</summary>
    public bool TryGetRolloverCounter(uint ssrc, out uint roc)
    {
        roc = 0;
        if (!_streams.TryGetValue(ssrc, out var s) || !s.Rollover.Started) return false;
        roc = s.Rollover.Roc;
        return true;
    }

    /// <summary>Forgets an SSRC (after RTCP BYE), so its state does not linger.</summary>
    public bool RemoveStream(uint ssrc) => _streams.Remove(ssrc);

    /// <summary>Protects the RTP packet <paramref name="rtp"/> into <paramref name="destination"/>.</summary>
    public SrtpResult ProtectRtp(ReadOnlySpan<byte> rtp, Span<byte> destination, out int written)
    {
        written = 0;
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!RtpHeader.TryParse(rtp, out var header)) return SrtpResult.Malformed;
        if (destination.Length < rtp.Length + RtpOverhead) return SrtpResult.BufferTooSmall;
        var stream = GetOrAdd(header.Ssrc);
        if (!stream.Rollover.TryEstimate(header.SequenceNumber, out var index, out var roc)) return SrtpResult.Malformed;
        var length = rtp.Length;
        rtp.CopyTo(destination);
        written = _transform.ProtectRtp(destination, length, header.HeaderLength, header.Ssrc, index);
        stream.Rollover.Update(header.SequenceNumber, roc);
        Interlocked.Increment(ref _protected);
        return SrtpResult.Ok;
    }

    /// <summary>
    /// Checks and decrypts the SRTP packet <paramref name="srtp"/>; on <see cref="SrtpResult.Ok"/>
    /// <paramref name="destination"/> holds the RTP packet (the padding count, if any, is intact).
    /// </summary>
    public SrtpResult UnprotectRtp(ReadOnlySpan<byte> srtp, Span<byte> destination, out int written)
    {
        written = 0;
        ObjectDisposedException.ThrowIf(_disposed, this);
        // Padding is inside the ciphertext, so it can only be checked after decryption.
        if (!RtpHeader.TryParse(srtp, out var header, checkPadding: false) || srtp.Length < header.HeaderLength + RtpOverhead)
            return Count(ref _malformed, SrtpResult.Malformed);
        if (destination.Length < srtp.Length) return SrtpResult.BufferTooSmall;
        _streams.TryGetValue(header.Ssrc, out var stream);
        var rollover = stream?.Rollover ?? default;
        if (!rollover.TryEstimate(header.SequenceNumber, out var index, out var roc))
            return Count(ref _replayed, SrtpResult.Replayed);
        if (stream is not null && !stream.RtpReplay.Check(index)) return Count(ref _replayed, SrtpResult.Replayed);
        var length = srtp.Length;
        srtp.CopyTo(destination);
        var plain = _transform.UnprotectRtp(destination, length, header.HeaderLength, header.Ssrc, index);
        if (plain < 0) return Count(ref _authFailed, SrtpResult.AuthFailed);
        stream ??= GetOrAdd(header.Ssrc);
        stream.Rollover.Update(header.SequenceNumber, roc);
        stream.RtpReplay.Record(index);
        written = plain;
        return Count(ref _unprotected, SrtpResult.Ok);
    }

    /// <summary>Protects (and encrypts) the RTCP compound packet <paramref name="rtcp"/>.</summary>
    public SrtpResult ProtectRtcp(ReadOnlySpan<byte> rtcp, Span<byte> destination, out int written) =>
        ProtectRtcp(rtcp, destination, encrypt: true, out written);

    /// <summary>Protects <paramref name="rtcp"/>; with <paramref name="encrypt"/> false only authenticates it (E = 0).</summary>
    public SrtpResult ProtectRtcp(ReadOnlySpan<byte> rtcp, Span<byte> destination, bool encrypt, out int written)
    {
        written = 0;
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (rtcp.Length < 8 || rtcp[0] >> 6 != 2) return SrtpResult.Malformed;
        if (destination.Length < rtcp.Length + RtcpOverhead) return SrtpResult.BufferTooSmall;
        var ssrc = BinaryPrimitives.ReadUInt32BigEndian(rtcp[4..]);
        var stream = GetOrAdd(ssrc);
        if (stream.NextRtcpIndex > 0x7FFF_FFFFu) return SrtpResult.KeyExhausted;
        var length = rtcp.Length;
        rtcp.CopyTo(destination);
        written = _transform.ProtectRtcp(destination, length, ssrc, stream.NextRtcpIndex, encrypt);
        stream.NextRtcpIndex++;
        Interlocked.Increment(ref _protected);
        return SrtpResult.Ok;
    }

    /// <summary>Checks and (if its E flag says so) decrypts the SRTCP packet <paramref name="srtcp"/>.</summary>
    public SrtpResult UnprotectRtcp(ReadOnlySpan<byte> srtcp, Span<byte> destination, out int written)
    {
        written = 0;
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (srtcp.Length < 8 + RtcpOverhead || srtcp[0] >> 6 != 2) return Count(ref _malformed, SrtpResult.Malformed);
        if (destination.Length < srtcp.Length) return SrtpResult.BufferTooSmall;
        var ssrc = BinaryPrimitives.ReadUInt32BigEndian(srtcp[4..]);
        _transform.ReadRtcpTrailer(srtcp, out var index, out var encrypted);
        _streams.TryGetValue(ssrc, out var stream);
        if (stream is not null && !stream.RtcpReplay.Check(index)) return Count(ref _replayed, SrtpResult.Replayed);
        var length = srtcp.Length;
        srtcp.CopyTo(destination);
        var plain = _transform.UnprotectRtcp(destination, length, ssrc, index, encrypted);
        if (plain < 0) return Count(ref _authFailed, SrtpResult.AuthFailed);
        stream ??= GetOrAdd(ssrc);
        stream.RtcpReplay.Record(index);
        written = plain;
        return Count(ref _unprotected, SrtpResult.Ok);
    }

    /// <summary>Allocating convenience for tests and cold paths: the protected packet, or null on failure.</summary>
    public byte[]? ProtectRtp(ReadOnlySpan<byte> rtp) => Run(rtp, rtp.Length + RtpOverhead, ProtectRtp);

    public byte[]? UnprotectRtp(ReadOnlySpan<byte> srtp) => Run(srtp, srtp.Length, UnprotectRtp);

    public byte[]? ProtectRtcp(ReadOnlySpan<byte> rtcp) => Run(rtcp, rtcp.Length + RtcpOverhead, ProtectRtcp);

    public byte[]? UnprotectRtcp(ReadOnlySpan<byte> srtcp) => Run(srtcp, srtcp.Length, UnprotectRtcp);

    private delegate SrtpResult Operation(ReadOnlySpan<byte> input, Span<byte> output, out int written);

    private static byte[]? Run(ReadOnlySpan<byte> input, int capacity, Operation op)
    {
        var buffer = new byte[capacity];
        return op(input, buffer, out var n) == SrtpResult.Ok ? buffer.AsSpan(0, n).ToArray() : null;
    }

    private SrtpStreamState GetOrAdd(uint ssrc)
    {
        if (_streams.TryGetValue(ssrc, out var s)) return s;
        // Only evict the entry a queue slot was made for: a removed and re-added SSRC has a newer one.
        while (_streams.Count >= MaxStreams && _streamOrder.TryDequeue(out var oldest))
            if (_streams.TryGetValue(oldest.Ssrc, out var current) && ReferenceEquals(current, oldest.State)) _streams.Remove(oldest.Ssrc);
        s = new SrtpStreamState();
        _streams[ssrc] = s;
        _streamOrder.Enqueue((ssrc, s));
        return s;
    }

    private static SrtpResult Count(ref long counter, SrtpResult result)
    {
        Interlocked.Increment(ref counter);
        return result;
    }

    /// <summary>Zeroes the session keys.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _transform.Dispose();
        _streams.Clear();
    }
}
