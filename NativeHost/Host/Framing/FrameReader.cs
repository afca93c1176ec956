using System.Security.Cryptography;

namespace SecureLink.Host.Framing;

/// <summary>
/// Reads length-prefixed frames from a byte stream (the browser's pipe to our stdin).
/// Oversized frames are reported first and skipped on the next read in small chunks, so a
/// hostile length prefix (0xFFFFFFFF) costs no memory. One reader owns one stream; it is not
/// thread-safe, because the host reads requests one at a time.
/// </summary>
public sealed class FrameReader : IDisposable
{
    private const int SkipChunkBytes = 64 * 1024;
    private readonly Stream _input;
    private readonly byte[] _header = new byte[FrameLimits.HeaderBytes];
    private byte[] _buffer = [];
    private int _lastPayloadLength;
    private long _pendingSkip;

    public FrameReader(Stream input) => _input = input ?? throw new ArgumentNullException(nameof(input));

    /// <summary>Reads the next frame, or reports a too-large frame, a clean end or a truncated end.</summary>
    public async ValueTask<FrameReadResult> ReadAsync(CancellationToken cancellationToken)
    {
        WipeLastPayload();

        if (_pendingSkip > 0)
        {
            var skipped = await SkipAsync(_pendingSkip, cancellationToken).ConfigureAwait(false);
            _pendingSkip = 0;
            if (!skipped) return FrameReadResult.Truncated;
        }

        var headerRead = await FillAsync(_header, cancellationToken).ConfigureAwait(false);
        if (headerRead == 0) return FrameReadResult.End;
        if (headerRead < FrameLimits.HeaderBytes) return FrameReadResult.Truncated;

        var length = FrameHeader.Read(_header);
        if (length > FrameLimits.MaxFrameBytes)
        {
            _pendingSkip = length;
            return new FrameReadResult(FrameReadKind.TooLarge, default, length);
        }

        var size = (int)length;
        if (_buffer.Length < size) _buffer = new byte[Math.Max(size, Math.Min(FrameLimits.MaxFrameBytes, _buffer.Length * 2))];
        var payload = _buffer.AsMemory(0, size);
        var read = await FillAsync(payload, cancellationToken).ConfigureAwait(false);
        _lastPayloadLength = read;
        if (read < size) return FrameReadResult.Truncated;
        return new FrameReadResult(FrameReadKind.Frame, payload, length);
    }

    /// <summary>Zeroes the last payload and drops the buffer.</summary>
    public void Dispose()
    {
        WipeLastPayload();
        _buffer = [];
    }

    private void WipeLastPayload()
    {
        if (_lastPayloadLength == 0) return;
        CryptographicOperations.ZeroMemory(_buffer.AsSpan(0, _lastPayloadLength));
        _lastPayloadLength = 0;
    }

    /// <summary>Reads until <paramref name="target"/> is full or the stream ends; returns bytes read.</summary>
    private async ValueTask<int> FillAsync(Memory<byte> target, CancellationToken cancellationToken)
    {
        var total = 0;
        while (total < target.Length)
        {
            var n = await _input.ReadAsync(target[total..], cancellationToken).ConfigureAwait(false);
            if (n == 0) break;
            total += n;
        }
        return total;
    }

    /// <summary>Discards <paramref name="count"/> bytes; false when the stream ends first.</summary>
    private async ValueTask<bool> SkipAsync(long count, CancellationToken cancellationToken)
    {
        var scratch = new byte[(int)Math.Min(SkipChunkBytes, count)];
        var left = count;
        while (left > 0)
        {
            var want = (int)Math.Min(scratch.Length, left);
            var n = await _input.ReadAsync(scratch.AsMemory(0, want), cancellationToken).ConfigureAwait(false);
            if (n == 0) return false;
            left -= n;
        }
        return true;
    }
}
