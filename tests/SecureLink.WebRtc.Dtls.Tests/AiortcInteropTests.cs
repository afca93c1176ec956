using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using SecureLink.WebRtc.Dtls;
using static SecureLink.WebRtc.Dtls.Tests.TestSupport;

namespace SecureLink.WebRtc.Dtls.Tests;

/// <summary>Our DTLS against aiortc 1.4's RTCDtlsTransport (pyOpenSSL) over UDP on 127.0.0.1, both roles.</summary>
public sealed class AiortcInteropTests
{
    [Theory]
    [InlineData(DtlsRole.Client)]
    [InlineData(DtlsRole.Server)]
    public async Task Handshake_srtp_keys_and_data_agree_with_aiortc(DtlsRole ourRole)
    {
        var ct = Timeout();
        var udp = new UdpDatagramTransport();
        await using var peer = AiortcPeer.Start(ourRole == DtlsRole.Client ? "server" : "client", udp.LocalEndPoint.Port);
        var hello = await peer.ReadJsonAsync(ct);
        udp.Remote = new IPEndPoint(IPAddress.Loopback, hello.GetProperty("port").GetInt32());
        using var ours = DtlsCertificate.Generate();
        await peer.WriteLineAsync(ours.Fingerprint.ToSdpValue());

        await using var dtls = await DtlsTransport.ConnectAsync(udp, ourRole, ours,
            DtlsFingerprint.Parse(hello.GetProperty("fingerprint").GetString()!),
            new DtlsOptions { SrtpProfiles = [SrtpProtectionProfile.AeadAes128Gcm, SrtpProtectionProfile.Aes128CmHmacSha1_80] }, ct);
        var result = await peer.ReadJsonAsync(ct);
        Assert.Equal("connected", result.GetProperty("state").GetString());
        Assert.Equal(SrtpProtectionProfile.Aes128CmHmacSha1_80, dtls.SrtpProfile); // all aiortc offers
        Assert.Equal(Convert.FromHexString(result.GetProperty("keying").GetString()!), dtls.ExportKeyingMaterial("EXTRACTOR-dtls_srtp", 60));

        await dtls.SendAsync(Encoding.UTF8.GetBytes("ping"), ct);
        Assert.Equal("echo:ping", Encoding.UTF8.GetString(await ReceiveOneAsync(dtls)));
    }

    [Fact]
    public async Task Aiortc_fails_the_handshake_when_our_certificate_is_not_the_one_it_expects()
    {
        var ct = Timeout();
        var udp = new UdpDatagramTransport();
        await using var peer = AiortcPeer.Start("server", udp.LocalEndPoint.Port);
        var hello = await peer.ReadJsonAsync(ct);
        udp.Remote = new IPEndPoint(IPAddress.Loopback, hello.GetProperty("port").GetInt32());
        using var ours = DtlsCertificate.Generate();
        using var stranger = DtlsCertificate.Generate();
        await peer.WriteLineAsync(stranger.Fingerprint.ToSdpValue());
        // aiortc checks the fingerprint only after its handshake, so ours completes; aiortc then reports failure.
        await using var dtls = await DtlsTransport.ConnectAsync(udp, DtlsRole.Client, ours,
            DtlsFingerprint.Parse(hello.GetProperty("fingerprint").GetString()!), null, ct);
        Assert.Equal("failed", (await peer.ReadJsonAsync(ct)).GetProperty("state").GetString());
    }

    private sealed class AiortcPeer : IAsyncDisposable
    {
        private readonly Process _process;

        private AiortcPeer(Process process) => _process = process;

        public static AiortcPeer Start(string role, int ourPort)
        {
            var script = Path.Combine(AppContext.BaseDirectory, "aiortc_dtls_peer.py");
            var info = new ProcessStartInfo("/usr/bin/python3", $"{script} {role} {ourPort}")
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            var process = Process.Start(info)!;
            process.ErrorDataReceived += (_, _) => { };
            process.BeginErrorReadLine();
            return new AiortcPeer(process);
        }

        public async Task<JsonElement> ReadJsonAsync(CancellationToken ct)
        {
            var line = await _process.StandardOutput.ReadLineAsync(ct)
                ?? throw new InvalidOperationException("aiortc peer exited");
            return JsonDocument.Parse(line).RootElement.Clone();
        }

        public async Task WriteLineAsync(string line)
        {
            await _process.StandardInput.WriteLineAsync(line);
            await _process.StandardInput.FlushAsync();
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                _process.StandardInput.Close();
                using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await _process.WaitForExitAsync(wait.Token);
            }
            catch (Exception)
            {
                if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            }
            _process.Dispose();
        }
    }
}
