using System.Diagnostics;
using SecureLink.WebRtc.Srtp;

namespace SecureLink.WebRtc.Rtp.Tests.Srtp;

/// <summary>
/// Our SRTP against libsrtp (aiortc's pylibsrtp, run as a subprocess): what we protect libsrtp
/// unprotects and the other way round, for both profiles, across a sequence wrap so the ROC is
/// exercised too. A key derivation or IV that agreed only with itself would fail here.
/// </summary>
public sealed class LibSrtpCrossCheckTests
{
    private const string Python = "/usr/bin/python3";

    public static TheoryData<SrtpProfile> Profiles => new(SrtpTestKeys.Profiles);

    private static ushort[] Sequences => [.. Enumerable.Range(65530, 12).Select(i => (ushort)i)];

    [Theory, MemberData(nameof(Profiles))]
    public async Task Libsrtp_unprotects_what_we_protect(SrtpProfile profile)
    {
        var key = SrtpTestKeys.Random(profile);
        using var ours = new SrtpContext(key);
        var rtp = Sequences.Select(s => SrtpTestKeys.Rtp(s, payloadLength: 100 + s % 7)).Append(WithCsrcsExtensionAndPadding()).ToList();
        var rtcp = Enumerable.Range(0, 3).Select(_ => SrtpTestKeys.Rtcp()).ToList();
        var requests = rtp.Select(p => ("unprotect", ours.ProtectRtp(p)!))
            .Concat(rtcp.Select(p => ("unprotect_rtcp", ours.ProtectRtcp(p)!))).ToList();

        var answers = await RunLibSrtpAsync(key, requests);

        Assert.Equal(rtp.Concat(rtcp).Select(b => Hex.Of(b)), answers);
    }

    [Theory, MemberData(nameof(Profiles))]
    public async Task We_unprotect_what_libsrtp_protects(SrtpProfile profile)
    {
        var key = SrtpTestKeys.Random(profile);
        var rtp = Sequences.Select(s => SrtpTestKeys.Rtp(s, payloadLength: 100 + s % 7)).Append(WithCsrcsExtensionAndPadding()).ToList();
        var rtcp = Enumerable.Range(0, 3).Select(_ => SrtpTestKeys.Rtcp()).ToList();
        var requests = rtp.Select(p => ("protect", p)).Concat(rtcp.Select(p => ("protect_rtcp", p))).ToList();

        var answers = await RunLibSrtpAsync(key, requests);

        using var ours = new SrtpContext(key);
        var back = answers.Take(rtp.Count).Select(h => ours.UnprotectRtp(Hex.Parse(h)))
            .Concat(answers.Skip(rtp.Count).Select(h => ours.UnprotectRtcp(Hex.Parse(h)))).ToList();
        Assert.Equal(rtp.Concat(rtcp).Select(b => Hex.Of(b)), back.Select(b => b is null ? "dropped" : Hex.Of(b)));
        Assert.True(ours.TryGetRolloverCounter(0x11223344, out var roc));
        Assert.Equal(1u, roc);
    }

    [Theory, MemberData(nameof(Profiles))]
    public async Task Libsrtp_rejects_our_packet_with_a_flipped_bit(SrtpProfile profile)
    {
        // Guards the cross-check itself: the helper must be able to say no.
        var key = SrtpTestKeys.Random(profile);
        using var ours = new SrtpContext(key);
        var srtp = ours.ProtectRtp(SrtpTestKeys.Rtp(1))!;
        srtp[20] ^= 0x04;
        var answers = await RunLibSrtpAsync(key, [("unprotect", srtp)]);
        Assert.StartsWith("err", answers[0]);
    }

    /// <summary>The header left in the clear must end after CSRCs and the extension, as libsrtp has it.</summary>
    private static byte[] WithCsrcsExtensionAndPadding() => new RtpPacket
    {
        PayloadType = 111, Marker = true, SequenceNumber = 6, Timestamp = 960, Ssrc = 0x11223344,
        Csrcs = [0xA, 0xB],
        Extensions = [new RtpHeaderExtension(1, [0x80]), new RtpHeaderExtension(5, [1, 2, 3, 4, 5])],
        Payload = new byte[] { 1, 2, 3, 4, 5, 6, 7 },
        PaddingLength = 3,
    }.ToArray();

    private static async Task<List<string>> RunLibSrtpAsync(SrtpMasterKey key, IReadOnlyList<(string Op, byte[] Data)> requests)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var script = Path.Combine(AppContext.BaseDirectory, "Srtp", "libsrtp_peer.py");
        var psi = new ProcessStartInfo(Python)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(script);
        psi.ArgumentList.Add(key.Profile == SrtpProfile.AeadAes128Gcm ? "gcm" : "cm");
        psi.ArgumentList.Add(Hex.Of([.. key.Key, .. key.Salt]));
        using var process = Process.Start(psi)!;
        try
        {
            foreach (var (op, data) in requests) await process.StandardInput.WriteLineAsync($"{op} {Hex.Of(data)}".AsMemory(), timeout.Token);
            process.StandardInput.Close();
            var stdout = await process.StandardOutput.ReadToEndAsync(timeout.Token);
            var stderr = await process.StandardError.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            Assert.True(process.ExitCode == 0, $"libsrtp helper failed: {stderr}");
            return stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(l => l.StartsWith("ok ", StringComparison.Ordinal) ? l[3..] : l).ToList();
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
    }
}
