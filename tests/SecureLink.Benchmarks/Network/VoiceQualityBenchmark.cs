using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using SecureLink.Benchmarks.Host;
using SecureLink.Network.Bed;
using SecureLink.Voice.Quality;

namespace SecureLink.Benchmarks.Network;

/// <summary>
/// The paper's voice rows, from the wire: two real hosts in `interop` mode (DESIGN §4b; calls in
/// rooms do not carry audio in this build yet) joined by a TUN wire with the scenario's loss and
/// jitter; one sends a speech-like WAV as Opus (FEC on), the other records. tcpdump on both ends
/// (one kernel clock) gives per-packet one-way delay, the delivery ratio before FEC and RFC 3550
/// jitter; the E-model (G.107, Opus with FEC) turns those into a MOS. The reference is the same
/// call on a clean wire.
/// </summary>
public sealed class VoiceQualityBenchmark : IBenchmark
{
    private static readonly TimeSpan CallLength = TimeSpan.FromSeconds(12);

    public string Name => "net-voice";

    public string Description => $"voice over a lossy wire ({CallLength.TotalSeconds:F0} s of Opus): delivery ratio, delay, jitter from captures, E-model MOS; clean / 1 % loss / 5 % loss + 30 ms jitter";

    public async Task RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        if (NetBench.NotRunnable() is { } why) { await output.WriteLineAsync(why); return; }
        Netns.RemoveStale();
        var dir = Directory.CreateTempSubdirectory("nb-voice-").FullName;
        try
        {
            var input = Path.Combine(dir, "in.wav");
            // A voice-like signal: a sweeping tone with pauses, 48 kHz mono (sox is a test prerequisite).
            Sh.Run("sox", "-n", "-r", "48000", "-c", "1", "-b", "16", input, "synth", "4", "sine", "200-900", "tremolo", "3", "80", "pad", "0", "1");
            foreach (var (label, imp) in new[]
                     {
                         ("clean, 20 ms                 ", new Impairment { Delay = TimeSpan.FromMilliseconds(20) }),
                         ("1 % loss, 20 ms (Wi-Fi)      ", new Impairment { Delay = TimeSpan.FromMilliseconds(20), Loss = 0.01 }),
                         ("5 % loss, 40 ± 30 ms (mobile)", new Impairment { Delay = TimeSpan.FromMilliseconds(40), Jitter = TimeSpan.FromMilliseconds(30), Loss = 0.05 }),
                     })
            {
                await MeasureAsync(output, label, imp, input, Path.Combine(dir, "out.wav"), cancellationToken);
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task MeasureAsync(TextWriter output, string label, Impairment impairment, string input, string recording, CancellationToken ct)
    {
        using var lan = Lan.Create(new LanOptions { Wire = impairment });
        using var capA = await Capture.StartAsync(lan.A, ct);
        using var capB = await Capture.StartAsync(lan.B, ct);
        using (var offer = Process.Start(lan.A.StartInfo(NetHost.Dotnet, NetHost.HostDll, "interop", "--role", "offer", "--audio-in", input))!)
        using (var answer = Process.Start(lan.B.StartInfo(NetHost.Dotnet, NetHost.HostDll, "interop", "--role", "answer", "--audio-out", recording))!)
        {
            try
            {
                using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
                limit.CancelAfter(TimeSpan.FromSeconds(60));
                var offerLine = await offer.StandardOutput.ReadLineAsync(limit.Token) ?? throw new InvalidOperationException("no offer: " + await offer.StandardError.ReadToEndAsync(ct));
                await answer.StandardInput.WriteLineAsync(offerLine);
                await answer.StandardInput.FlushAsync(limit.Token);
                var answerLine = await answer.StandardOutput.ReadLineAsync(limit.Token) ?? throw new InvalidOperationException("no answer");
                await offer.StandardInput.WriteLineAsync(answerLine);
                await offer.StandardInput.FlushAsync(limit.Token);
                while (await offer.StandardOutput.ReadLineAsync(limit.Token) is { } line && !line.Contains("\"open\"", StringComparison.Ordinal)) { }
                await Task.Delay(CallLength, ct);
            }
            finally
            {
                offer.StandardInput.Close();
                answer.StandardInput.Close();
                if (!offer.WaitForExit(5000)) offer.Kill(true);
                if (!answer.WaitForExit(5000)) answer.Kill(true);
            }
        }
        await Task.Delay(200, ct);
        var sent = Rtp(await capA.StopAsync(), outgoing: true);
        var got = Rtp(await capB.StopAsync(), outgoing: false);
        if (sent.Count == 0) { await output.WriteLineAsync($"{label} no RTP was sent"); return; }
        var delays = got.Where(g => sent.ContainsKey(g.Key)).Select(g => (g.Value.Time - sent[g.Key].Time) * 1000).ToList();
        var pdr = 100.0 * got.Count / sent.Count;
        var jitter = Rfc3550Jitter(got.Values.OrderBy(p => p.Seq).ToList());
        var quality = EModel.Rate(new CallConditions(Stats.Median(delays), 100 - pdr, 1, jitter), CodecImpairment.Opus32Fec);
        await output.WriteLineAsync($"{label} sent {sent.Count} RTP, received {got.Count}: PDR {pdr:F1} % (before FEC); one-way {NetBench.P50P95(delays)}; jitter {jitter:F1} ms; E-model MOS {quality.Mos:F2} (R {quality.R:F1})");
    }

    private sealed record RtpSeen(int Seq, uint Timestamp, double Time);

    /// <summary>Audio RTP (not RTCP: payload types 72..76 with the marker are RTCP) by SSRC and sequence number.</summary>
    private static Dictionary<(uint, int), RtpSeen> Rtp(IReadOnlyList<Packet> packets, bool outgoing)
    {
        var seen = new Dictionary<(uint, int), RtpSeen>();
        foreach (var p in packets)
        {
            if (!p.IsRtp || p.Outgoing != outgoing || p.Payload.Length < 12 || (p.Payload[1] & 0x7f) is >= 72 and <= 76) continue;
            var seq = BinaryPrimitives.ReadUInt16BigEndian(p.Payload.AsSpan(2));
            var ts = BinaryPrimitives.ReadUInt32BigEndian(p.Payload.AsSpan(4));
            var ssrc = BinaryPrimitives.ReadUInt32BigEndian(p.Payload.AsSpan(8));
            seen.TryAdd((ssrc, seq), new RtpSeen(seq, ts, p.Time));
        }
        return seen;
    }

    /// <summary>RFC 3550 §6.4.1 interarrival jitter at 48 kHz, in ms.</summary>
    private static double Rfc3550Jitter(IReadOnlyList<RtpSeen> inOrder)
    {
        double j = 0;
        for (var i = 1; i < inOrder.Count; i++)
        {
            var d = (inOrder[i].Time - inOrder[i - 1].Time) * 1000 - (inOrder[i].Timestamp - inOrder[i - 1].Timestamp) / 48.0;
            j += (Math.Abs(d) - j) / 16;
        }
        return j;
    }
}
