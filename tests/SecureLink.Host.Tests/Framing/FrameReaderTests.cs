using SecureLink.Host.Framing;
using SecureLink.Host.Tests.Support;

namespace SecureLink.Host.Tests.Framing;

public sealed class FrameReaderTests
{
    private static readonly CancellationToken Ct = new CancellationTokenSource(TimeSpan.FromSeconds(20)).Token;

    [Fact]
    public async Task Reads_consecutive_frames_then_a_clean_end()
    {
        using var reader = new FrameReader(new MemoryStream([.. Frames.Of("{\"a\":1}"), .. Frames.Of("[]")]));
        var first = await reader.ReadAsync(Ct);
        Assert.Equal(FrameReadKind.Frame, first.Kind);
        Assert.Equal("{\"a\":1}"u8.ToArray(), first.Payload.ToArray());
        var second = await reader.ReadAsync(Ct);
        Assert.Equal("[]"u8.ToArray(), second.Payload.ToArray());
        Assert.Equal(FrameReadKind.End, (await reader.ReadAsync(Ct)).Kind);
        Assert.Equal(FrameReadKind.End, (await reader.ReadAsync(Ct)).Kind);
    }

    [Fact]
    public async Task An_empty_stream_is_a_clean_end()
    {
        using var reader = new FrameReader(new MemoryStream());
        Assert.Equal(FrameReadKind.End, (await reader.ReadAsync(Ct)).Kind);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task A_partial_header_is_truncated(int bytes)
    {
        using var reader = new FrameReader(new MemoryStream(Frames.Header(5)[..bytes]));
        Assert.Equal(FrameReadKind.Truncated, (await reader.ReadAsync(Ct)).Kind);
    }

    [Fact]
    public async Task A_partial_payload_is_truncated()
    {
        using var reader = new FrameReader(new MemoryStream([.. Frames.Header(10), 1, 2, 3]));
        Assert.Equal(FrameReadKind.Truncated, (await reader.ReadAsync(Ct)).Kind);
    }

    [Fact]
    public async Task Reassembles_a_frame_delivered_one_byte_at_a_time()
    {
        using var reader = new FrameReader(new TrickleStream(Frames.Of("{\"id\":1}")));
        var frame = await reader.ReadAsync(Ct);
        Assert.Equal(FrameReadKind.Frame, frame.Kind);
        Assert.Equal("{\"id\":1}"u8.ToArray(), frame.Payload.ToArray());
    }

    [Fact]
    public async Task Exactly_the_limit_is_a_frame_and_one_more_is_too_large_then_skipped()
    {
        var atLimit = new byte[FrameLimits.MaxFrameBytes];
        atLimit[^1] = 7;
        var overLimit = new byte[FrameLimits.MaxFrameBytes + 1];
        using var reader = new FrameReader(new MemoryStream([.. Frames.Of(atLimit), .. Frames.Of(overLimit), .. Frames.Of("{}")]));

        var first = await reader.ReadAsync(Ct);
        Assert.Equal(FrameReadKind.Frame, first.Kind);
        Assert.Equal(FrameLimits.MaxFrameBytes, first.Payload.Length);
        Assert.Equal(7, first.Payload.Span[^1]);

        var second = await reader.ReadAsync(Ct);
        Assert.Equal(FrameReadKind.TooLarge, second.Kind);
        Assert.Equal(FrameLimits.MaxFrameBytes + 1, second.DeclaredLength);

        var third = await reader.ReadAsync(Ct);
        Assert.Equal("{}"u8.ToArray(), third.Payload.ToArray());
    }

    [Fact]
    public async Task An_absurd_length_prefix_is_too_large_then_truncated_at_eof()
    {
        using var reader = new FrameReader(new MemoryStream([.. Frames.Header(0xFFFFFFFF), .. new byte[1000]]));
        var first = await reader.ReadAsync(Ct);
        Assert.Equal(FrameReadKind.TooLarge, first.Kind);
        Assert.Equal(0xFFFFFFFFL, first.DeclaredLength);
        Assert.Equal(FrameReadKind.Truncated, (await reader.ReadAsync(Ct)).Kind);
    }

    [Fact]
    public async Task Skipping_does_not_buffer_the_oversized_payload()
    {
        // A stream that serves 256 MiB of zeros without storing them; if the reader held the
        // payload it would need that much memory.
        const long size = 256L * 1024 * 1024;
        var stream = new ConcatStream(Frames.Header((uint)size), new ZeroStream(size), Frames.Of("{}"));
        using var reader = new FrameReader(stream);
        var before = GC.GetTotalAllocatedBytes(precise: true);
        Assert.Equal(FrameReadKind.TooLarge, (await reader.ReadAsync(Ct)).Kind);
        var frame = await reader.ReadAsync(Ct);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.Equal("{}"u8.ToArray(), frame.Payload.ToArray());
        Assert.True(allocated < 4 * 1024 * 1024, $"allocated {allocated} bytes while skipping");
    }

    [Fact]
    public async Task The_previous_payload_is_zeroed_by_the_next_read()
    {
        using var reader = new FrameReader(new MemoryStream([.. Frames.Of("secret-text-1234"), .. Frames.Of("x")]));
        var first = await reader.ReadAsync(Ct);
        var view = first.Payload;
        await reader.ReadAsync(Ct);
        Assert.All(view[1..].ToArray(), b => Assert.Equal(0, b));
    }

    [Fact]
    public async Task Dispose_zeroes_the_last_payload()
    {
        var reader = new FrameReader(new MemoryStream(Frames.Of("secret")));
        var view = (await reader.ReadAsync(Ct)).Payload;
        reader.Dispose();
        Assert.All(view.ToArray(), b => Assert.Equal(0, b));
    }

    [Fact]
    public void Header_is_in_machine_byte_order()
    {
        var header = new byte[4];
        FrameHeader.Write(header, 0x01020304);
        Assert.Equal(BitConverter.IsLittleEndian ? new byte[] { 4, 3, 2, 1 } : [1, 2, 3, 4], header);
        Assert.Equal(0x01020304u, FrameHeader.Read(header));
        Assert.Equal(BitConverter.GetBytes(0x01020304u), header);
    }
}
