namespace SecureLink.Host.Tests.Support;

/// <summary>Read-only stream base for the test streams below.</summary>
public abstract class ReadOnlyTestStream : Stream
{
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(Read(buffer.Span));
    public abstract override int Read(Span<byte> buffer);
}

/// <summary>Serves its bytes one at a time, like a pipe under load.</summary>
public sealed class TrickleStream(byte[] data) : ReadOnlyTestStream
{
    private int _position;

    public override int Read(Span<byte> buffer)
    {
        if (_position >= data.Length || buffer.IsEmpty) return 0;
        buffer[0] = data[_position++];
        return 1;
    }
}

/// <summary>Serves <paramref name="length"/> zero bytes without holding them.</summary>
public sealed class ZeroStream(long length) : ReadOnlyTestStream
{
    private long _left = length;

    public override int Read(Span<byte> buffer)
    {
        var n = (int)Math.Min(buffer.Length, _left);
        buffer[..n].Clear();
        _left -= n;
        return n;
    }
}

/// <summary>Byte arrays and streams one after the other.</summary>
public sealed class ConcatStream(params object[] parts) : ReadOnlyTestStream
{
    private readonly Queue<Stream> _parts = new(parts.Select(p => p as Stream ?? new MemoryStream((byte[])p)));

    public override int Read(Span<byte> buffer)
    {
        while (_parts.Count > 0)
        {
            var n = _parts.Peek().Read(buffer);
            if (n > 0) return n;
            _parts.Dequeue();
        }
        return 0;
    }
}
