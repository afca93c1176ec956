using System.Diagnostics;

namespace SecureLink.Voice.Tests.Devices;

/// <summary>
/// A throw-away PulseAudio daemon for one test: its own runtime dir, HOME and socket under a temp
/// directory, anonymous auth on a unix socket, one 48 kHz mono null sink <c>sl_sink</c>. Dispose
/// kills it and deletes the directory, whatever happened.
/// </summary>
internal sealed class PrivatePulseAudioServer : IDisposable
{
    private readonly TempDir _dir;
    private readonly Process _process;

    private PrivatePulseAudioServer(TempDir dir, Process process)
    {
        _dir = dir;
        _process = process;
    }

    internal string Server => $"unix:{Socket}";

    private string Socket => _dir.File("native");

    internal static PrivatePulseAudioServer Start()
    {
        var dir = new TempDir("slpa-");
        Process? p = null;
        try
        {
            Directory.CreateDirectory(dir.File("home"));
            Directory.CreateDirectory(dir.File("runtime"));
            var psi = new ProcessStartInfo("pulseaudio")
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            foreach (var a in new[]
                     {
                         "--daemonize=no", "--exit-idle-time=-1", "--system=false", "-n", "--use-pid-file=no",
                         "--disallow-exit", "--disable-shm=yes", "--log-target=stderr",
                         $"--load=module-native-protocol-unix socket={dir.File("native")} auth-anonymous=1",
                         "--load=module-null-sink sink_name=sl_sink rate=48000 channels=1",
                     })
                psi.ArgumentList.Add(a);
            psi.Environment["HOME"] = dir.File("home");
            psi.Environment["PULSE_RUNTIME_PATH"] = dir.File("runtime");
            psi.Environment["XDG_RUNTIME_DIR"] = dir.File("runtime");
            psi.Environment.Remove("PULSE_SERVER");
            p = Process.Start(psi) ?? throw new InvalidOperationException("pulseaudio did not start");
            p.OutputDataReceived += (_, _) => { };
            p.ErrorDataReceived += (_, _) => { };
            p.BeginOutputReadLine();
            p.BeginErrorReadLine();
            var server = new PrivatePulseAudioServer(dir, p);
            var deadline = Stopwatch.StartNew();
            while (!File.Exists(server.Socket))
            {
                if (p.HasExited) throw new InvalidOperationException($"pulseaudio exited with {p.ExitCode}");
                if (deadline.Elapsed > TimeSpan.FromSeconds(15)) throw new TimeoutException("pulseaudio socket did not appear");
                Thread.Sleep(50);
            }
            Thread.Sleep(200); // modules finish loading right after the socket is bound
            return server;
        }
        catch
        {
            Kill(p);
            dir.Dispose();
            throw;
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
        _dir.Dispose();
    }
}
