using System.Diagnostics;

namespace SecureLink.Nearby.Tests;

/// <summary>tcpdump on one interface with a filter, one line per packet; counts what it saw once stopped.</summary>
internal sealed class Tcpdump : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private Tcpdump(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => { if (e.Data is { } l) lock (_lines) _lines.Add(l); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data?.Contains("listening on", StringComparison.Ordinal) == true) _listening.TrySetResult(); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public static async Task<Tcpdump> StartAsync(string device, string filter)
    {
        var info = new ProcessStartInfo("tcpdump") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-i", device, "-nn", "-l", "--immediate-mode" }) info.ArgumentList.Add(a);
        foreach (var a in filter.Split(' ')) info.ArgumentList.Add(a);
        var dump = new Tcpdump(Process.Start(info) ?? throw new InvalidOperationException("tcpdump did not start"));
        await dump._listening.Task.WaitAsync(TimeSpan.FromSeconds(10));
        return dump;
    }

    /// <summary>Stops capturing and returns the lines (one line per packet).</summary>
    public async Task<IReadOnlyList<string>> StopAsync()
    {
        await Task.Delay(300); // let the last packets be printed
        if (!_process.HasExited) Lan.Run("kill", "-INT", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        lock (_lines) return [.. _lines];
    }

    /// <summary>Packet lines only (those that start with a timestamp).</summary>
    public static IReadOnlyList<string> Packets(IReadOnlyList<string> lines) =>
        [.. lines.Where(l => l.Length > 0 && char.IsDigit(l[0]))];

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
