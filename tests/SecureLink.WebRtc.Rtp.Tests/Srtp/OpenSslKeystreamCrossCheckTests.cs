using System.Diagnostics;
using System.Security.Cryptography;
using SecureLink.WebRtc.Srtp;

namespace SecureLink.WebRtc.Rtp.Tests.Srtp;

/// <summary>Our AES-CM keystream against `openssl enc -aes-128-ctr` for random keys and IVs.</summary>
public sealed class OpenSslKeystreamCrossCheckTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(160)]
    [InlineData(1500)]
    public async Task Keystream_matches_openssl_aes_128_ctr(int length)
    {
        var key = RandomNumberGenerator.GetBytes(16);
        var iv = RandomNumberGenerator.GetBytes(16);
        iv[14] = iv[15] = 0; // SRTP keeps the block counter in the low 16 bits

        var ours = new byte[length];
        using (var cm = new AesCounterMode(key)) cm.Apply(iv, ours);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var psi = new ProcessStartInfo("openssl") { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { "enc", "-aes-128-ctr", "-K", Hex.Of(key), "-iv", Hex.Of(iv) }) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        await p.StandardInput.BaseStream.WriteAsync(new byte[length], timeout.Token);
        p.StandardInput.Close();
        using var ms = new MemoryStream();
        await p.StandardOutput.BaseStream.CopyToAsync(ms, timeout.Token);
        await p.WaitForExitAsync(timeout.Token);
        Assert.Equal(0, p.ExitCode);
        Assert.Equal(Hex.Of(ms.ToArray()), Hex.Of(ours));
    }
}
