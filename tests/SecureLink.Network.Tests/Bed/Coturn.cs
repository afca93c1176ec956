using System.Diagnostics;
using System.Net;

namespace SecureLink.Network.Bed;

/// <summary>
/// A real coturn (<c>turnserver</c>) in STUN-only mode: Binding requests answered, every TURN
/// request ignored, so no relay can exist. Its config, pid file and SQLite file live in a temp
/// directory removed on Dispose; it logs to stdout, which we keep in memory.
/// </summary>
public sealed class Coturn : IDisposable
{
    public const int Port = 3478;
    private readonly Process _process;
    private readonly string _dir;
    private readonly List<string> _log = [];

    public Coturn(Netns ns, IPAddress address)
    {
        Address = address;
        _dir = Directory.CreateTempSubdirectory("nb-coturn-").FullName;
        var config = Path.Combine(_dir, "turnserver.conf");
        File.WriteAllText(config, $"""
            listening-ip={address}
            listening-port={Port}
            stun-only
            no-tcp
            no-tls
            no-dtls
            no-cli
            no-software-attribute
            log-file=stdout
            simple-log
            pidfile={Path.Combine(_dir, "turnserver.pid")}
            userdb={Path.Combine(_dir, "turndb")}
            """);
        _process = Process.Start(ns.StartInfo("turnserver", "-c", config)) ?? throw new InvalidOperationException("could not start turnserver");
        _process.OutputDataReceived += (_, e) => { if (e.Data is { } l) lock (_log) _log.Add(l); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is { } l) lock (_log) _log.Add(l); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        // Up once the UDP listener is bound (checked from inside the namespace: ss lists it).
        var until = DateTime.UtcNow.AddSeconds(10);
        while (!ns.Exec("ss", "-Hlun").Contains($"{address}:{Port}", StringComparison.Ordinal))
        {
            if (_process.HasExited || DateTime.UtcNow > until) throw new InvalidOperationException("turnserver did not start: " + Log);
            Thread.Sleep(50);
        }
    }

    public IPAddress Address { get; }

    /// <summary>"HOST:PORT", as room.create takes it.</summary>
    public string Server => $"{Address}:{Port}";

    public string Log { get { lock (_log) return string.Join('\n', _log); } }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.WaitForExit(3000);
        }
        catch (InvalidOperationException) { /* never started */ }
        _process.Dispose();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
