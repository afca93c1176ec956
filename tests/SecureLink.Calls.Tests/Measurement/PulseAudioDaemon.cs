using System.Diagnostics;

namespace SecureLink.Calls.Measurement;

/// <summary>
/// A private PulseAudio daemon for one test or benchmark: its own HOME, runtime dir and unix socket
/// in a temp folder, anonymous auth, and one 48 kHz mono null sink per name given (each with its
/// <c>NAME.monitor</c> source). Nothing touches the machine's own sound server. Dispose kills the
/// daemon and removes the folder whatever happened.
/// </summary>
public sealed class PulseAudioDaemon : IDisposable
{
    private readonly TempFolder _folder;
    private readonly Process _process;

    private PulseAudioDaemon(TempFolder folder, Process process, IReadOnlyList<string> sinks)
    {
        _folder = folder;
        _process = process;
        Sinks = sinks;
    }

    /// <summary>The server string for libpulse (PULSE_SERVER, our devices' server argument).</summary>
    public string Server => "unix:" + Socket;

    public IReadOnlyList<string> Sinks { get; }

    private string Socket => _folder.File("native");

    public static PulseAudioDaemon Start(params string[] sinks)
    {
        if (sinks.Length == 0) sinks = ["sl_sink"];
        var folder = new TempFolder("sl-pulse-");
        Process? p = null;
        try
        {
            Directory.CreateDirectory(folder.File("home"));
            Directory.CreateDirectory(folder.File("runtime"));
            var psi = new ProcessStartInfo("pulseaudio") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
            foreach (var a in new[]
                     {
                         "--daemonize=no", "--exit-idle-time=-1", "--system=false", "-n", "--use-pid-file=no",
                         "--disallow-exit", "--disable-shm=yes", "--log-target=stderr", "--realtime=no", "--high-priority=no",
                         $"--load=module-native-protocol-unix socket={folder.File("native")} auth-anonymous=1",
                     })
                psi.ArgumentList.Add(a);
            foreach (var sink in sinks)
                psi.ArgumentList.Add($"--load=module-null-sink sink_name={sink} rate=48000 channels=1 format=s16le");
            psi.Environment["HOME"] = folder.File("home");
            psi.Environment["PULSE_RUNTIME_PATH"] = folder.File("runtime");
            psi.Environment["XDG_RUNTIME_DIR"] = folder.File("runtime");
            psi.Environment.Remove("PULSE_SERVER");
            p = Process.Start(psi) ?? throw new InvalidOperationException("pulseaudio did not start");
            p.OutputDataReceived += (_, _) => { };
            p.ErrorDataReceived += (_, _) => { };
            p.BeginOutputReadLine();
            p.BeginErrorReadLine();
            var daemon = new PulseAudioDaemon(folder, p, sinks);
            var waited = Stopwatch.StartNew();
            while (!daemon.AllSinksListed())
            {
                if (p.HasExited) throw new InvalidOperationException($"pulseaudio exited with {p.ExitCode}");
                if (waited.Elapsed > TimeSpan.FromSeconds(15)) throw new TimeoutException("pulseaudio did not come up with its null sinks");
                Thread.Sleep(100);
            }
            return daemon;
        }
        catch
        {
            Kill(p);
            folder.Dispose();
            throw;
        }
    }

    /// <summary>pactl against this daemon only.</summary>
    public string Pactl(params string[] args) => Tool.Run("pactl", ["--server=" + Server, .. args]);

    /// <summary>Plays a 48 kHz mono WAV into a sink with pacat (an independent client, not our code); returns when played.</summary>
    public Task PlayFileAsync(string sink, string wavPath, CancellationToken ct) => Task.Run(() =>
    {
        ct.ThrowIfCancellationRequested();
        Tool.Run("pacat", ["--server=" + Server, "--playback", "-d", sink, "--file-format=wav", wavPath], timeout: TimeSpan.FromMinutes(5));
    }, ct);

    private bool AllSinksListed()
    {
        if (!File.Exists(Socket)) return false;
        try
        {
            var listed = Pactl("list", "short", "sinks");
            return Sinks.All(s => listed.Contains(s, StringComparison.Ordinal));
        }
        catch (InvalidOperationException)
        {
            return false; // socket bound before the modules finished loading
        }
    }

    private static void Kill(Process? p)
    {
        if (p is null) return;
        try
        {
            if (!p.HasExited) p.Kill(entireProcessTree: true);
            p.WaitForExit(5000);
        }
        catch (InvalidOperationException) { }
        p.Dispose();
    }

    public void Dispose()
    {
        Kill(_process);
        _folder.Dispose();
    }
}
