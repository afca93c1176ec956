using SecureLink.Host.Framing;

namespace SecureLink.Fuzz.Tests.Harnesses;

/// <summary>
/// The browser's stdin as bytes: the reader must walk any stream to End or Truncated in a bounded
/// number of reads (each read consumes at least the 4-byte header), without throwing.
/// </summary>
public static class FrameReaderHarness
{
    public static void Run(ReadOnlySpan<byte> data)
    {
        using var reader = new FrameReader(new MemoryStream(data.ToArray(), writable: false));
        var maxReads = data.Length / 4 + 2;
        for (var reads = 0; ; reads++)
        {
            if (reads > maxReads) throw new FuzzInvariantException($"More than {maxReads} reads over {data.Length} bytes.");
            var task = reader.ReadAsync(CancellationToken.None);
            if (!task.IsCompleted && !task.AsTask().Wait(TimeSpan.FromSeconds(10)))
                throw new FuzzInvariantException("FrameReader hung on a MemoryStream.");
            var result = task.GetAwaiter().GetResult();
            switch (result.Kind)
            {
                case FrameReadKind.End or FrameReadKind.Truncated:
                    return;
                case FrameReadKind.Frame when result.Payload.Length != result.DeclaredLength:
                    throw new FuzzInvariantException($"Frame of {result.Payload.Length} bytes declared {result.DeclaredLength}.");
                case FrameReadKind.Frame:
                    RequestHarness.Run(result.Payload.Span);
                    break;
                case FrameReadKind.TooLarge:
                    break;
                default:
                    throw new FuzzInvariantException($"Unknown read kind {result.Kind}.");
            }
        }
    }
}
