using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace SecureLink.WebRtc.Dtls.Tests;

/// <summary>
/// Runs <c>openssl s_server</c> / <c>s_client</c> (the library aiortc uses) as the other
/// DTLS peer on 127.0.0.1, with a fresh ECDSA P-256 self-signed certificate in a temp dir,
/// and collects what it prints so tests can read the negotiated SRTP profile, the exported
/// keying material and the certificate it saw.
/// </summary>
internal sealed partial class OpenSslPeer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly object _gate = new();
    private readonly string _dir;

    private OpenSslPeer(Process process, string dir, byte[] certificateDer)
    {
        _process = process;
        _dir = dir;
        CertificateDer = certificateDer;
    }

    public byte[] CertificateDer { get; }

    public string Output { get { lock (_gate) return _output.ToString(); } }

    public static bool Available => File.Exists("/usr/bin/openssl");

    public static int FreeUdpPort()
    {
        using var probe = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.Client.LocalEndPoint!).Port;
    }

    public static async Task<OpenSslPeer> StartServerAsync(int port, string extraArgs, CancellationToken ct, bool rsa = false)
    {
        var (dir, der) = await MakeCertificateAsync(ct, rsa);
        return Start($"s_server -dtls1_2 -accept 127.0.0.1:{port} -cert {dir}/cert.pem -key {dir}/key.pem -naccept 1 {extraArgs}", dir, der);
    }

    /// <summary>Starts s_server on a free port and waits until it listens; retries when another
    /// process took the probed port in between (the probe must release it before openssl binds).</summary>
    public static async Task<(OpenSslPeer Peer, int Port)> StartListeningServerAsync(string extraArgs, CancellationToken ct, bool rsa = false)
    {
        for (var attempt = 1; ; attempt++)
        {
            var port = FreeUdpPort();
            var peer = await StartServerAsync(port, extraArgs, ct, rsa);
            try
            {
                await peer.WaitForAsync("ACCEPT", ct);
                return (peer, port);
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                await peer.DisposeAsync();
            }
        }
    }

    public static async Task<OpenSslPeer> StartClientAsync(int port, string extraArgs, CancellationToken ct, bool rsa = false)
    {
        var (dir, der) = await MakeCertificateAsync(ct, rsa);
        return Start($"s_client -dtls1_2 -connect 127.0.0.1:{port} -cert {dir}/cert.pem -key {dir}/key.pem {extraArgs}", dir, der);
    }

    private static OpenSslPeer Start(string arguments, string dir, byte[] der)
    {
        var info = new ProcessStartInfo("/usr/bin/openssl", arguments)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = new Process { StartInfo = info };
        var peer = new OpenSslPeer(process, dir, der);
        process.OutputDataReceived += (_, e) => peer.Append(e.Data);
        process.ErrorDataReceived += (_, e) => peer.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return peer;
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_gate) _output.AppendLine(line);
    }

    /// <summary>Waits until the output contains <paramref name="text"/>.</summary>
    public async Task WaitForAsync(string text, CancellationToken ct)
    {
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            if (_process.HasExited)
            {
                // The last lines may still be in flight from the pipes: this overload waits for them.
                _process.WaitForExit();
                if (Output.Contains(text, StringComparison.Ordinal)) return;
                throw new InvalidOperationException($"openssl exited before printing \"{text}\":\n{Output}");
            }
            await Task.Delay(20, ct);
        }
    }

    /// <summary>Sends a line as application data (openssl reads stdin line by line).</summary>
    public async Task SendLineAsync(string line)
    {
        await _process.StandardInput.WriteAsync(line + "\n");
        await _process.StandardInput.FlushAsync();
    }

    /// <summary>"Keying material: HEX" printed for -keymatexport.</summary>
    public byte[] KeyingMaterial()
    {
        var match = KeyingMaterialLine().Match(Output);
        Assert.True(match.Success, "openssl printed no keying material:\n" + Output);
        return Convert.FromHexString(match.Groups[1].Value);
    }

    /// <summary>The peer certificate openssl printed (PEM between BEGIN/END), as DER.</summary>
    public async Task<byte[]> PeerCertificateDerAsync(CancellationToken ct)
    {
        await WaitForAsync("-----END CERTIFICATE-----", ct);
        var match = PemBlock().Match(Output);
        Assert.True(match.Success, "openssl printed no peer certificate:\n" + Output);
        return Convert.FromBase64String(match.Groups[1].Value.Replace("\n", "").Replace("\r", ""));
    }

    private static async Task<(string Dir, byte[] Der)> MakeCertificateAsync(CancellationToken ct, bool rsa)
    {
        var dir = Directory.CreateTempSubdirectory("securelink-dtls-openssl-").FullName;
        var key = rsa ? "-newkey rsa:2048" : "-newkey ec -pkeyopt ec_paramgen_curve:prime256v1";
        await RunAsync($"req -x509 {key} -nodes -keyout {dir}/key.pem -out {dir}/cert.pem -days 2 -subj /CN=openssl-peer", ct);
        await RunAsync($"x509 -in {dir}/cert.pem -outform DER -out {dir}/cert.der", ct);
        return (dir, await File.ReadAllBytesAsync($"{dir}/cert.der", ct));
    }

    private static async Task RunAsync(string arguments, CancellationToken ct)
    {
        var info = new ProcessStartInfo("/usr/bin/openssl", arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0) throw new InvalidOperationException($"openssl {arguments} failed: {await stderr}");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(5)).Token);
        }
        catch (Exception) { }
        _process.Dispose();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    [GeneratedRegex(@"Keying material: ([0-9A-Fa-f]+)")]
    private static partial Regex KeyingMaterialLine();

    [GeneratedRegex(@"-----BEGIN CERTIFICATE-----\s*([A-Za-z0-9+/=\s]+?)-----END CERTIFICATE-----")]
    private static partial Regex PemBlock();
}
