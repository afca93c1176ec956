namespace SecureLink.Host.Framing;

/// <summary>
/// Writes length-prefixed frames to a byte stream (our stdout, the browser's pipe). Header and
/// payload go out in one write so a reader never sees half a frame from us. Not thread-safe:
/// the host's single output loop is the only caller.
/// </summary>
public sealed class FrameWriter
{
    private readonly Stream _output;

    public FrameWriter(Stream output) => _output = output ?? throw new ArgumentNullException(nameof(output));

    /// <summary>Frames <paramref name="payload"/> and writes it. Throws when it exceeds the 1 MiB limit.</summary>
    public async ValueTask WriteAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        if (payload.Length > FrameLimits.MaxFrameBytes)
            throw new ArgumentException($"A frame of {payload.Length} bytes exceeds the {FrameLimits.MaxFrameBytes}-byte limit.", nameof(payload));

        var frame = new byte[FrameLimits.HeaderBytes + payload.Length];
        FrameHeader.Write(frame, (uint)payload.Length);
        payload.Span.CopyTo(frame.AsSpan(FrameLimits.HeaderBytes));
        try
        {
            await _output.WriteAsync(frame, cancellationToken).ConfigureAwait(false);
            await _output.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(frame);
        }
    }
}
