using System.Buffers.Binary;
using System.Diagnostics;

namespace SecureLink.Security.Tests.Support;

/// <summary>
/// tcpdump writing every UDP packet on the namespace's loopback (where two hosts on this
/// namespace's own addresses talk) to a pcap file, and a reader for the UDP payloads in it.
/// Runs with -n (no DNS) inside the test namespace only. Start and stop are deterministic even
/// on a starved machine: a sentinel datagram (127.0.0.1 to the discard port, on this namespace's
/// own loopback) must be in the file before StartAsync returns, and another one before StopAsync
/// interrupts tcpdump, so everything sent in between was captured and written; the sentinels are
/// left out of what the capture returns. --immediate-mode hands each packet over at once (not when
/// a ring block fills or times out, which a SIGINT can cut short), -U writes it to the file at
/// once, and -B gives the kernel 32 MiB to hold packets while tcpdump waits for a CPU.
/// </summary>
public sealed class PacketCapture : IAsyncDisposable
{
    public const string Tcpdump = "/usr/bin/tcpdump";
    private static readonly TimeSpan SentinelWait = TimeSpan.FromSeconds(30);
    private readonly Process _process;
    private readonly string _dir;
    private readonly byte[] _sentinel;
    private readonly Task<string> _stderr;
    private bool _stopped;

    private PacketCapture(Process process, string dir, string file, byte[] sentinel, Task<string> stderr)
    {
        _process = process;
        _dir = dir;
        File = file;
        _sentinel = sentinel;
        _stderr = stderr;
    }

    public string File { get; }

    /// <summary>tcpdump's own count of packets the kernel dropped for lack of buffer (known after StopAsync).</summary>
    public long DroppedByKernel { get; private set; }

    public static async Task<PacketCapture> StartAsync()
    {
        if (AttackFactAttribute.WhyNot() is { } why) throw new InvalidOperationException(why);
        var dir = Directory.CreateTempSubdirectory("securelink-capture-").FullName;
        var file = Path.Combine(dir, "session.pcap");
        var info = new ProcessStartInfo(Tcpdump) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { "-i", "lo", "-n", "-U", "--immediate-mode", "-B", "32768", "-s", "0", "-w", file, "udp" }) info.ArgumentList.Add(a);
        var process = Process.Start(info)!;
        using (var cts = new CancellationTokenSource(SentinelWait))
        {
            while (await process.StandardError.ReadLineAsync(cts.Token) is { } line)
                if (line.Contains("listening on", StringComparison.Ordinal)) break;
        }
        var capture = new PacketCapture(process, dir, file, System.Text.Encoding.ASCII.GetBytes($"securelink-capture-sentinel-{Guid.NewGuid():N}"),
            process.StandardError.ReadToEndAsync());
        // "listening on" is printed before the capture is really running: not one packet may be missed.
        await capture.MarkAsync("start");
        return capture;
    }

    /// <summary>Stops tcpdump once it has written everything sent so far, and returns every UDP payload captured, in order.</summary>
    public async Task<IReadOnlyList<byte[]>> StopAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            await MarkAsync("stop");
            using (var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-INT", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) } })!)
                await kill.WaitForExitAsync();
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await _process.WaitForExitAsync(cts.Token);
            var summary = await _stderr.WaitAsync(cts.Token);
            var dropped = System.Text.RegularExpressions.Regex.Match(summary, @"(\d+) packets? dropped by kernel");
            DroppedByKernel = dropped.Success ? long.Parse(dropped.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
        }
        return [.. UdpPayloads(await ReadFileAsync()).Where(p => !IsSentinel(p))];
    }

    // Sends a sentinel (again every 200 ms, in case tcpdump was not ready) until tcpdump has written it.
    private async Task MarkAsync(string phase)
    {
        byte[] mark = [.. _sentinel, .. System.Text.Encoding.ASCII.GetBytes("-" + phase)];
        using var udp = new System.Net.Sockets.UdpClient(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        var discard = new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 9);
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited) throw new InvalidOperationException($"tcpdump exited (code {_process.ExitCode}) before the {phase} sentinel was captured");
            await udp.SendAsync(mark, discard);
            await Task.Delay(200);
            if (UdpPayloads(await ReadFileAsync()).Any(p => p.AsSpan().SequenceEqual(mark))) return;
            if (deadline.Elapsed > SentinelWait) throw new TimeoutException($"tcpdump did not write the {phase} sentinel within {SentinelWait.TotalSeconds} s");
        }
    }

    private bool IsSentinel(byte[] payload) => payload.AsSpan().StartsWith(_sentinel);

    private async Task<byte[]> ReadFileAsync()
    {
        try
        {
            await using var stream = new FileStream(File, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy);
            return copy.ToArray();
        }
        catch (FileNotFoundException)
        {
            return [];
        }
    }

    /// <summary>The UDP payloads of a pcap file with Ethernet framing (tcpdump's form for lo).</summary>
    public static IReadOnlyList<byte[]> UdpPayloads(byte[] pcap)
    {
        if (pcap.Length < 24) return []; // tcpdump has not written its file header yet
        var magic = BinaryPrimitives.ReadUInt32LittleEndian(pcap);
        if (magic is not (0xA1B2C3D4 or 0xA1B23C4D)) throw new InvalidDataException($"not a little-endian pcap file: {magic:X8}");
        var linkType = BinaryPrimitives.ReadUInt32LittleEndian(pcap.AsSpan(20));
        if (linkType != 1) throw new InvalidDataException($"link type {linkType}, expected Ethernet (1)");
        var payloads = new List<byte[]>();
        var at = 24;
        while (at + 16 <= pcap.Length)
        {
            var captured = (int)BinaryPrimitives.ReadUInt32LittleEndian(pcap.AsSpan(at + 8));
            var frame = pcap.AsSpan(at + 16, Math.Min(captured, pcap.Length - at - 16));
            at += 16 + captured;
            if (frame.Length < 14) continue;
            var etherType = BinaryPrimitives.ReadUInt16BigEndian(frame[12..]);
            var ip = frame[14..];
            int udpAt;
            if (etherType == 0x0800 && ip.Length >= 20 && ip[9] == 17) udpAt = (ip[0] & 0x0F) * 4;
            else if (etherType == 0x86DD && ip.Length >= 40 && ip[6] == 17) udpAt = 40;
            else continue;
            if (ip.Length < udpAt + 8) continue;
            var udpLength = BinaryPrimitives.ReadUInt16BigEndian(ip[(udpAt + 4)..]);
            var end = Math.Min(ip.Length, udpAt + udpLength);
            payloads.Add(ip[(udpAt + 8)..end].ToArray());
        }
        return payloads;
    }

    public async ValueTask DisposeAsync()
    {
        try { await StopAsync(); }
        catch (Exception) { if (!_process.HasExited) _process.Kill(); }
        _process.Dispose();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
