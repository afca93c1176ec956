using System.Diagnostics;
using System.Security.Cryptography;
using System.Threading.Channels;
using SecureLink.Benchmarks.Host;
using SecureLink.Rooms.Pake;

namespace SecureLink.Benchmarks.Pake;

/// <summary>
/// A whole PIN check (creator and joiner, both on this machine, in-memory channel) against the
/// cheapest key agreement that could replace it if there were no PIN: ECDH P-256 (both key pairs,
/// both agreements) plus HKDF. The ratio is what finite-field J-PAKE costs over an EC handshake;
/// the bytes are what the data channel carries per side.
/// </summary>
public sealed class PakeBenchmark : IBenchmark
{
    private const int Runs = 50;

    public string Name => "pake";
    public string Description => "full creator⇄joiner J-PAKE PIN check (in-memory), ms and bytes per side, vs ECDH P-256 + HKDF";

    public async Task RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        var binding = new PakeBinding(RandomNumberGenerator.GetBytes(32), RandomNumberGenerator.GetBytes(32));
        var pin = Pin.Generate();
        await RunOnceAsync(pin, binding, cancellationToken);   // warm-up: JIT and BC's tables

        // Wall time suffers when the machine is shared; process CPU time per run says what it costs.
        var cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
        var pakeMs = new List<double>();
        long creatorBytes = 0, joinerBytes = 0;
        int creatorMessages = 0, joinerMessages = 0;
        for (var i = 0; i < Runs && !cancellationToken.IsCancellationRequested; i++)
        {
            var sw = Stopwatch.StartNew();
            var (creator, joiner) = await RunOnceAsync(pin, binding, cancellationToken);
            pakeMs.Add(sw.Elapsed.TotalMilliseconds);
            (creatorBytes, creatorMessages) = (creator.Bytes, creator.Messages);
            (joinerBytes, joinerMessages) = (joiner.Bytes, joiner.Messages);
        }

        var pakeCpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpuStart).TotalMilliseconds / Math.Max(1, pakeMs.Count);
        var wrongSw = Stopwatch.StartNew();
        var wrongPinFailures = await RunWrongPinAsync(binding, cancellationToken);
        var wrongMs = wrongSw.Elapsed.TotalMilliseconds;

        EcdhOnce();   // warm-up
        var ecdhMs = new List<double>();
        cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
        for (var i = 0; i < Runs; i++)
        {
            var sw = Stopwatch.StartNew();
            EcdhOnce();
            ecdhMs.Add(sw.Elapsed.TotalMilliseconds);
        }
        var ecdhCpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpuStart).TotalMilliseconds / Runs;

        var pakeMedian = Stats.Median(pakeMs);
        var ecdhMedian = Stats.Median(ecdhMs);
        output.WriteLine($"runs                       {pakeMs.Count} (group: BouncyCastle NIST_3072, 3072-bit p, 256-bit q)");
        output.WriteLine($"PIN check (both sides)     median {pakeMedian:F1} ms, p90 {Stats.Percentile(pakeMs, 90):F1} ms");
        output.WriteLine($"  CPU per run              {pakeCpuMs:F1} ms (both sides together; process CPU time / runs)");
        output.WriteLine($"  wrong PIN, one run       {wrongMs:F1} ms, outcome: {wrongPinFailures}");
        output.WriteLine($"  creator sends            {creatorBytes} bytes in {creatorMessages} messages");
        output.WriteLine($"  joiner sends             {joinerBytes} bytes in {joinerMessages} messages");
        output.WriteLine($"reference ECDH P-256+HKDF  median {ecdhMedian:F3} ms, p90 {Stats.Percentile(ecdhMs, 90):F3} ms (2 key pairs, 2 agreements), CPU {ecdhCpuMs:F3} ms");
        output.WriteLine($"ratio PIN check / ECDH     {pakeMedian / ecdhMedian:F0}x wall, {pakeCpuMs / ecdhCpuMs:F0}x CPU");
    }

    private static async Task<(Counted Creator, Counted Joiner)> RunOnceAsync(string pin, PakeBinding binding, CancellationToken ct)
    {
        var (c, j) = Counted.Pair();
        var creator = PinAuthenticator.RunAsync(PakeRole.Creator, pin.AsMemory(), binding, c, TimeSpan.FromSeconds(30), ct);
        var joiner = PinAuthenticator.RunAsync(PakeRole.Joiner, pin.AsMemory(), binding, j, TimeSpan.FromSeconds(30), ct);
        var results = await Task.WhenAll(creator, joiner);
        if (results[0].SafetyCode != results[1].SafetyCode) throw new InvalidOperationException("PIN check disagreed");
        foreach (var r in results) r.Dispose();
        return (c, j);
    }

    private static async Task<string> RunWrongPinAsync(PakeBinding binding, CancellationToken ct)
    {
        var (c, j) = Counted.Pair();
        var creator = PinAuthenticator.RunAsync(PakeRole.Creator, "1234".AsMemory(), binding, c, TimeSpan.FromSeconds(30), ct);
        var joiner = PinAuthenticator.RunAsync(PakeRole.Joiner, "1235".AsMemory(), binding, j, TimeSpan.FromSeconds(30), ct);
        var outcomes = new List<string>();
        foreach (var t in new[] { creator, joiner })
        {
            try { (await t).Dispose(); outcomes.Add("accepted?!"); }
            catch (PakeException e) { outcomes.Add(e.Failure.ToString()); }
        }
        return string.Join(" / ", outcomes);
    }

    private static void EcdhOnce()
    {
        using var a = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        using var b = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var sa = a.DeriveRawSecretAgreement(b.PublicKey);
        var sb = b.DeriveRawSecretAgreement(a.PublicKey);
        var ka = HKDF.DeriveKey(HashAlgorithmName.SHA256, sa, 32, null, "ref"u8.ToArray());
        var kb = HKDF.DeriveKey(HashAlgorithmName.SHA256, sb, 32, null, "ref"u8.ToArray());
        if (!ka.AsSpan().SequenceEqual(kb)) throw new InvalidOperationException("ECDH disagreed");
    }

    /// <summary>In-memory channel end that counts what it sends.</summary>
    private sealed class Counted(ChannelWriter<byte[]> output, ChannelReader<byte[]> input) : IPakeChannel
    {
        public long Bytes { get; private set; }
        public int Messages { get; private set; }

        public static (Counted, Counted) Pair()
        {
            var ab = Channel.CreateUnbounded<byte[]>();
            var ba = Channel.CreateUnbounded<byte[]>();
            return (new Counted(ab.Writer, ba.Reader), new Counted(ba.Writer, ab.Reader));
        }

        public async Task SendAsync(byte[] message, CancellationToken ct)
        {
            Bytes += message.Length;
            Messages++;
            await output.WriteAsync(message, ct);
        }

        public async Task<byte[]> ReceiveAsync(CancellationToken ct) => await input.ReadAsync(ct);
    }
}
