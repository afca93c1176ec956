namespace SecureLink.Fuzz.Tests;

/// <summary>
/// Feeds one input to a parser. It returns when the parser accepted or rejected the input in its
/// documented way; any other exception escapes and is a finding.
/// </summary>
public delegate void HarnessRun(ReadOnlySpan<byte> data);

/// <summary>A named harness; the name is also its corpus folder under tests/fuzz/corpus.</summary>
public sealed record Harness(string Name, string Checks, HarnessRun Run)
{
    public override string ToString() => Name;
}
