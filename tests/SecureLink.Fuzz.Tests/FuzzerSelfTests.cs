using Xunit;

namespace SecureLink.Fuzz.Tests;

/// <summary>The fallback fuzzer must actually find a planted bug, or its silence means nothing.</summary>
public sealed class FuzzerSelfTests
{
    [Fact]
    public void FindsAPlantedCrashReachableByMutation()
    {
        // Crashes only when byte 2 becomes 0xFF: one "interesting byte" or random-byte mutation away from the seed.
        var planted = new Harness("planted", "test", data =>
        {
            if (data.Length > 2 && data[2] == 0xFF) throw new IndexOutOfRangeException("planted");
        });
        var report = MutationFuzzer.Run(planted, [[1, 2, 3, 4, 5, 6]], randomSeed: 7, TimeSpan.FromMinutes(1), maxExecutions: 20_000);
        var crash = Assert.Single(report.Crashes);
        Assert.Equal(0xFF, crash.Input[2]);
        Assert.IsType<IndexOutOfRangeException>(crash.Error);
    }

    [Fact]
    public void MutationsAreDeterministicPerSeed()
    {
        byte[][] seeds = [[1, 2, 3, 4], [9, 9, 9]];
        var a = new Mutator(42);
        var b = new Mutator(42);
        for (var i = 0; i < 200; i++)
            Assert.Equal(a.Mutate(seeds[i % 2], seeds), b.Mutate(seeds[i % 2], seeds));
    }

    [Fact]
    public void SavedCrashesAreNamedByContent()
    {
        var dir = Directory.CreateTempSubdirectory("fuzz-corpus-");
        try
        {
            var input = new byte[] { 0xDE, 0xAD };
            var path = Corpus.SaveCrash(Path.Combine(dir.FullName, "x"), input);
            Assert.StartsWith("crash-", Path.GetFileName(path));
            Assert.Equal(input, File.ReadAllBytes(path));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
