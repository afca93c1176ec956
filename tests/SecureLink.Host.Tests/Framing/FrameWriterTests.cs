using SecureLink.Host.Framing;
using SecureLink.Host.Tests.Support;

namespace SecureLink.Host.Tests.Framing;

public sealed class FrameWriterTests
{
    private static readonly CancellationToken Ct = new CancellationTokenSource(TimeSpan.FromSeconds(20)).Token;

    [Fact]
    public async Task Writes_a_header_and_the_payload_in_one_write()
    {
        var output = new CountingStream();
        await new FrameWriter(output).WriteAsync("{\"ok\":true}"u8.ToArray(), Ct);
        Assert.Equal(1, output.Writes);
        Assert.Equal(Frames.Of("{\"ok\":true}"), output.ToArray());
    }

    [Fact]
    public async Task Writes_exactly_the_limit()
    {
        var output = new MemoryStream();
        await new FrameWriter(output).WriteAsync(new byte[FrameLimits.MaxFrameBytes], Ct);
        Assert.Equal(FrameLimits.MaxFrameBytes + 4, output.Length);
    }

    [Fact]
    public async Task Refuses_a_frame_over_the_limit_and_writes_nothing()
    {
        var output = new MemoryStream();
        await Assert.ThrowsAsync<ArgumentException>(async () => await new FrameWriter(output).WriteAsync(new byte[FrameLimits.MaxFrameBytes + 1], Ct));
        Assert.Equal(0, output.Length);
    }

    [Fact]
    public async Task What_the_writer_writes_the_reader_reads()
    {
        var pipe = new MemoryStream();
        var writer = new FrameWriter(pipe);
        var payloads = new[] { "a"u8.ToArray(), new byte[70_000], "{\"id\":1}"u8.ToArray() };
        foreach (var p in payloads) await writer.WriteAsync(p, Ct);
        pipe.Position = 0;
        using var reader = new FrameReader(pipe);
        foreach (var p in payloads) Assert.Equal(p, (await reader.ReadAsync(Ct)).Payload.ToArray());
        Assert.Equal(FrameReadKind.End, (await reader.ReadAsync(Ct)).Kind);
    }

    private sealed class CountingStream : MemoryStream
    {
        public int Writes { get; private set; }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Writes++;
            return base.WriteAsync(buffer, cancellationToken);
        }
    }
}
