using System.Diagnostics;
using System.Globalization;

namespace SecureLink.Network.Bed;

/// <summary>
/// tcpdump on every interface of one namespace (<c>-i any</c>, <c>-n</c> so the capture itself
/// resolves nothing), written to a temp pcap file that is read back and deleted. Start returns
/// once tcpdump says it listens, so nothing sent afterwards can be missed.
/// </summary>
public sealed class Capture : IDisposable
{
    private readonly Netns _ns;
    private readonly Process _process;
    private readonly string _dir;
    private readonly string _file;
    private List<Packet>? _packets;

    private Capture(Netns ns, Process process, string dir, string file)
    {
        _ns = ns;
        _process = process;
        _dir = dir;
        _file = file;
    }

    public static async Task<Capture> StartAsync(Netns ns, CancellationToken ct)
    {
        var dir = Directory.CreateTempSubdirectory("nb-pcap-").FullName;
        var file = Path.Combine(dir, "capture.pcap");
        // -Z root: Debian's tcpdump otherwise drops to its own user and cannot write our temp dir.
        var process = Process.Start(ns.StartInfo("tcpdump", "-i", "any", "-n", "-U", "-s", "256", "-Z", "root", "-w", file))
            ?? throw new InvalidOperationException("could not start tcpdump");
        var capture = new Capture(ns, process, dir, file);
        try
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
            limit.CancelAfter(TimeSpan.FromSeconds(10));
            while (await process.StandardError.ReadLineAsync(limit.Token) is { } line)
                if (line.Contains("listening on", StringComparison.Ordinal)) return capture;
            throw new InvalidOperationException("tcpdump ended before it listened");
        }
        catch
        {
            capture.Dispose();
            throw;
        }
    }

    /// <summary>Stops tcpdump (SIGINT, so it flushes) and returns every packet it saw.</summary>
    public async Task<IReadOnlyList<Packet>> StopAsync()
    {
        if (_packets is not null) return _packets;
        var names = InterfaceNames(_ns);
        Sh.Try("kill", "-INT", _process.Id.ToString(CultureInfo.InvariantCulture));
        using (var limit = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            try { await _process.WaitForExitAsync(limit.Token); }
            catch (OperationCanceledException) { _process.Kill(); }
        }
        _packets = File.Exists(_file) ? Pcap.Read(_file, names) : [];
        return _packets;
    }

    private static Dictionary<int, string> InterfaceNames(Netns ns)
    {
        var names = new Dictionary<int, string>();
        foreach (var line in ns.Ip("-o", "link").Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split(':', 3);
            if (parts.Length < 2 || !int.TryParse(parts[0], CultureInfo.InvariantCulture, out var index)) continue;
            names[index] = parts[1].Trim().Split('@')[0];
        }
        return names;
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited) _process.Kill();
            _process.WaitForExit(2000);
        }
        catch (InvalidOperationException) { }
        _process.Dispose();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
