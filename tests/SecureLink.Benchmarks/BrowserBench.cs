using System.Diagnostics;

namespace SecureLink.Benchmarks;

/// <summary>
/// What every benchmark that drives the real extension in Chromium needs: the repository root,
/// Chromium's arguments for a loaded unpacked extension, and running a helper program (build.sh,
/// the installer) to completion.
/// </summary>
internal static class BrowserBench
{
    /// <summary>Chromium honours only the last --disable-features, so every feature is in one list.</summary>
    public static List<string> LaunchArgs(string extensionDir)
    {
        var args = new List<string>
        {
            $"--disable-extensions-except={extensionDir}", $"--load-extension={extensionDir}",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--no-first-run", "--no-default-browser-check", "--disable-gpu", "--disable-quic",
            "--disable-features=DisableLoadExtensionCommandLineSwitch,Translate,MediaRouter,DialMediaRouteProvider,OptimizationHints,AutofillServerCommunication",
        };
        if (Environment.IsPrivilegedProcess) args.Insert(0, "--no-sandbox");
        return args;
    }

    public static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "SecureLink.sln"))) return dir.FullName;
        throw new InvalidOperationException("SecureLink.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>Runs a program to the end (3 minutes at most); a non-zero exit throws with its output.</summary>
    public static async Task RunAsync(string file, string[] arguments, CancellationToken ct)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start " + file);
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(deadline.Token);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} exited {process.ExitCode}: {await stdout}{await stderr}");
    }
}
