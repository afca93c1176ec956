namespace SecureLink.Benchmarks;

/// <summary>
/// One named measurement that prints its numbers. Implementations are found by
/// reflection so each area adds its own file without touching a shared list.
/// A benchmark compares against a reference measured in the same run (for
/// example Chromium's own WebRTC) so its headline figure is a ratio.
/// </summary>
public interface IBenchmark
{
    /// <summary>Short name used on the command line, e.g. <c>host-roundtrip</c>.</summary>
    string Name { get; }

    /// <summary>One line saying what is measured.</summary>
    string Description { get; }

    /// <summary>Runs the measurement, writing human-readable results to <paramref name="output"/>.</summary>
    Task RunAsync(TextWriter output, CancellationToken cancellationToken);
}
