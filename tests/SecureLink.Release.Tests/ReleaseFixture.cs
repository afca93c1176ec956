using System.Diagnostics;

namespace SecureLink.Release.Tests;

/// <summary>
/// One run of the real ./release.sh for linux-x64 (without ReadyToRun, which changes how fast
/// the host starts, not what ships), shared by every test here; its output folder is deleted at
/// the end. The full five-RID release is `./release.sh` itself, run by hand (docs/release.md).
/// </summary>
public sealed class ReleaseFixture : IDisposable
{
    public const string Rid = "linux-x64";

    public ReleaseFixture()
    {
        Root = FindRoot();
        Out = Path.Combine(Path.GetTempPath(), "securelink-release-test-" + Environment.ProcessId);
        Version = System.Text.RegularExpressions.Regex.Match(File.ReadAllText(Path.Combine(Root, "NativeHost", "Host", "SecureLink.Host.csproj")),
            "<Version>([^<]+)</Version>").Groups[1].Value;
        var sw = Stopwatch.StartNew();
        // The test runs inside the network namespace: restore works from the package cache the
        // build filled, but NuGet's vulnerability audit would try the registry and fail the
        // publish (NU1900 as an error). The audit belongs to real releases, not to this check.
        var (code, output) = Run(Path.Combine(Root, "release.sh"), Root, null, new Dictionary<string, string> { ["NuGetAudit"] = "false" },
            "--rid", Rid, "--no-r2r", "--out", Out);
        Log = output;
        Elapsed = sw.Elapsed;
        if (code != 0) throw new InvalidOperationException($"release.sh failed ({code}):\n{output}");
    }

    public string Root { get; }
    public string Out { get; }
    public string Version { get; }
    public string Log { get; }
    public TimeSpan Elapsed { get; }

    public string Artifact(string name) => Path.Combine(Out, name.Replace("@V", Version, StringComparison.Ordinal));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "release.sh")) && File.Exists(Path.Combine(dir.FullName, "SecureLink.sln"))) return dir.FullName;
        throw new InvalidOperationException("release.sh not found above the test assembly");
    }

    /// <summary>Runs a program; <paramref name="env"/> non-null replaces the whole environment.</summary>
    public static (int Code, string Output) Run(string file, string workingDirectory, IDictionary<string, string>? env, params string[] args) =>
        Run(file, workingDirectory, env, null, args);

    /// <summary>As above; <paramref name="extra"/> adds variables to whatever environment the program gets.</summary>
    public static (int Code, string Output) Run(string file, string workingDirectory, IDictionary<string, string>? env,
        IDictionary<string, string>? extra, params string[] args)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var a in args) info.ArgumentList.Add(a);
        if (env is not null)
        {
            info.Environment.Clear();
            foreach (var (k, v) in env) info.Environment[k] = v;
        }
        if (extra is not null) foreach (var (k, v) in extra) info.Environment[k] = v;
        using var p = Process.Start(info)!;
        p.StandardInput.Close();
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        // A cold release run (restore, publish, .deb, npm ci + web-ext) took over 10 minutes at load average 40 here.
        if (!p.WaitForExit(TimeSpan.FromMinutes(20)))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish in 20 minutes");
        }
        return (p.ExitCode, stdout.Result + stderr.Result);
    }

    public void Dispose()
    {
        try { Directory.Delete(Out, recursive: true); } catch (IOException) { }
    }
}
