namespace SecureLink.Fuzz.Tests;

/// <summary>
/// Feeds one input to a parser. It returns when the parser accepted or rejected the input in its
/// documented way; any other exception escapes and is a finding.
/// </summary>
public delegate void HarnessRun(ReadOnlySpan<byte> data);

/// <summary>A named harness; the name is also its corpus folder under tests/fuzz/corpus.
/// <paramref name="RegressionMutations"/>: how many seeded mutations the test run tries (fewer for
/// harnesses whose every input costs a handshake or a key exchange, to keep the suite in seconds).</summary>
public sealed record Harness(string Name, string Checks, HarnessRun Run, int RegressionMutations = 2000)
{
    public override string ToString() => Name;
}
