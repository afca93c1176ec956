using System.Security.Cryptography;

namespace SecureLink.Fuzz.Tests;

/// <summary>Finds tests/fuzz/corpus from wherever the assembly runs, and reads or adds entries.</summary>
public static class Corpus
{
    public static string Root { get; } = FindRoot();

    public static string Folder(string harness) => Path.Combine(Root, harness);

    /// <summary>Every corpus file of a harness (seeds and saved crashes), sorted for a stable order.</summary>
    public static IReadOnlyList<string> Files(string harness)
    {
        var dir = Folder(harness);
        return Directory.Exists(dir)
            ? Directory.GetFiles(dir).Where(f => !f.EndsWith(".md", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList()
            : [];
    }

    /// <summary>Saves a crashing input as crash-&lt;sha256 prefix&gt; and returns the path.</summary>
    public static string SaveCrash(string harness, byte[] input)
    {
        Directory.CreateDirectory(Folder(harness));
        var path = Path.Combine(Folder(harness), "crash-" + Convert.ToHexStringLower(SHA256.HashData(input))[..16]);
        File.WriteAllBytes(path, input);
        return path;
    }

    /// <summary>Saves an input that took over a second as slow-&lt;sha256 prefix&gt; (a hang candidate) and returns the path.</summary>
    public static string SaveSlow(string harness, byte[] input)
    {
        Directory.CreateDirectory(Folder(harness));
        var path = Path.Combine(Folder(harness), "slow-" + Convert.ToHexStringLower(SHA256.HashData(input))[..16]);
        File.WriteAllBytes(path, input);
        return path;
    }

    private static string FindRoot()
    {
        var fromEnv = Environment.GetEnvironmentVariable("SECURELINK_FUZZ_CORPUS");
        if (!string.IsNullOrEmpty(fromEnv)) return fromEnv;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "fuzz", "corpus");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException("tests/fuzz/corpus not found above " + AppContext.BaseDirectory);
    }
}
