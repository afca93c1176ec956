using Xunit;

namespace SecureLink.Fuzz.Tests;

/// <summary>
/// The regression half of fuzzing: every corpus file (seeds and every crash ever found) and a fixed
/// set of seeded mutations go through each harness; nothing may escape. Inputs are deterministic, so
/// a failure here reproduces with the same command.
/// </summary>
public sealed class CorpusReplayTests
{
    // Crash inputs of open findings in other layers' code: skipped here, replayed by their own skipped Facts.
    private static readonly HashSet<string> OpenFindings = new(KnownFindings.CrashFiles.Keys, StringComparer.Ordinal);

    public static TheoryData<string> Names() => new(AllHarnesses.List.Select(h => h.Name));

    [Theory, MemberData(nameof(Names))]
    public void EveryHarnessHasSeeds(string name) =>
        Assert.Contains(Corpus.Files(name), f => Path.GetFileName(f).StartsWith("seed-", StringComparison.Ordinal) || Path.GetFileName(f).StartsWith("json-", StringComparison.Ordinal));

    [Theory, MemberData(nameof(Names))]
    public void EveryCorpusFileIsHandled(string name)
    {
        var harness = AllHarnesses.Get(name);
        foreach (var file in Corpus.Files(name).Where(f => !OpenFindings.Contains(Path.GetFileName(f))))
        {
            var error = Record.Exception(() => harness.Run(File.ReadAllBytes(file)));
            Assert.True(error is null, $"{Path.GetFileName(file)}: {error}");
        }
    }

    [Theory, MemberData(nameof(Names))]
    public void SeededMutationsAreHandled(string name)
    {
        var harness = AllHarnesses.Get(name);
        var seeds = Corpus.Files(name).Where(f => !OpenFindings.Contains(Path.GetFileName(f))).Select(File.ReadAllBytes).ToList();
        // Some harnesses cost a J-PAKE round or a DTLS handshake per input; fewer runs keep them in seconds.
        var mutations = harness.RegressionMutations;
        var report = MutationFuzzer.Run(harness, seeds, randomSeed: 20261201, TimeSpan.FromMinutes(5), seeds.Count + mutations);
        Assert.Equal(seeds.Count + mutations, report.Executions);
        var unknown = report.Crashes.Where(c => !KnownFindings.Signatures.Contains(MutationFuzzer.Signature(c.Error))).ToList();
        Assert.True(unknown.Count == 0,
            string.Join("\n\n", unknown.Select(c => $"input {Convert.ToHexString(c.Input)}\n{c.Error}")));
    }
}
