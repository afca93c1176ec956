using System.Diagnostics;

namespace SecureLink.Host.Tests.Terminal;

/// <summary>
/// A private tmux server (no config file) whose windows run commands in real terminals; the test
/// types with send-keys and reads the screen with capture-pane. Its socket is given by path (-S) in
/// a folder of its own rather than by name (-L): tmux 3.3 leaves a named socket behind in
/// /tmp/tmux-UID after kill-server, and this way nothing outlives the test.
/// </summary>
internal sealed class Tmux : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("securelink-tmux-server-");
    private string SocketPath => Path.Combine(_dir.FullName, "socket");

    /// <summary>tmux on PATH, or null.</summary>
    public static string? Executable { get; } =
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, "tmux")).FirstOrDefault(File.Exists);

    public const string Session = "sl";

    /// <summary>Starts the server with a first window <paramref name="window"/> running <paramref name="shellCommand"/>.</summary>
    public void NewSession(string window, string shellCommand) =>
        Run("-f", "/dev/null", "new-session", "-d", "-s", Session, "-x", "200", "-y", "50", "-n", window, shellCommand);

    public void NewWindow(string window, string shellCommand) => Run("new-window", "-d", "-t", Session, "-n", window, shellCommand);

    /// <summary>Types <paramref name="text"/> literally, then Enter.</summary>
    public void TypeLine(string window, string text)
    {
        Run("send-keys", "-t", $"{Session}:{window}", "-l", text);
        Run("send-keys", "-t", $"{Session}:{window}", "Enter");
    }

    /// <summary>The whole pane, history included, with wrapped lines joined back.</summary>
    public string[] Screen(string window) =>
        Run("capture-pane", "-p", "-J", "-S", "-", "-t", $"{Session}:{window}").Split('\n').Select(l => l.TrimEnd()).ToArray();

    /// <summary>Waits for a line starting with <paramref name="prefix"/> (the <paramref name="nth"/> one, from 1) and returns the rest.</summary>
    public async Task<string> LineAsync(string window, string prefix, int nth = 1)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(40);
        while (true)
        {
            var screen = Screen(window);
            var hits = screen.Where(l => l.StartsWith(prefix, StringComparison.Ordinal)).ToList();
            if (hits.Count >= nth) return hits[nth - 1][prefix.Length..].Trim();
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"no line '{prefix}…' in window {window}; screen:\n{string.Join('\n', screen.Where(l => l.Length > 0))}");
            await Task.Delay(200);
        }
    }

    private string Run(params string[] args)
    {
        var info = new ProcessStartInfo(Executable ?? "tmux") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("-S");
        info.ArgumentList.Add(SocketPath);
        foreach (var a in args) info.ArgumentList.Add(a);
        using var p = Process.Start(info)!;
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEnd();
        if (!p.WaitForExit(10_000)) p.Kill();
        Assert.True(p.ExitCode == 0, $"tmux {string.Join(' ', args)} failed: {error}");
        return output.Result;
    }

    public void Dispose()
    {
        try { Run("kill-server"); }
        catch (Exception e) when (e is Xunit.Sdk.XunitException or InvalidOperationException)
        {
            // the server is already gone
        }
        _dir.Delete(recursive: true);
    }
}

/// <summary>A fact that is skipped, saying why, when tmux is not installed.</summary>
internal sealed class TmuxFactAttribute : FactAttribute
{
    public TmuxFactAttribute()
    {
        if (Tmux.Executable is null) Skip = "tmux is not installed (apt-get install tmux)";
    }
}
