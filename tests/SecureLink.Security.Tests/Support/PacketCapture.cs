using System.Buffers.Binary;
using System.Diagnostics;

namespace SecureLink.Security.Tests.Support;

/// <summary>
/// tcpdump writing every UDP packet on the namespace's loopback (where two hosts on this
/// namespace's own addresses talk) to a pcap file, and a reader for the UDP payloads in it.
/// Runs with -n (no DNS) inside the test namespace only.
/// </summary>
public sealed class PacketCapture : IAsyncDisposable
{
    public const string Tcpdump = "/usr/bin/tcpdump";
    private readonly Process _process;
    private readonly string _dir;
    private bool _stopped;

    private PacketCapture(Process process, string dir, string file)
    {
        _process = process;
        _dir = dir;
        File = file;
    }

    public string File { get; }

    public static async Task<PacketCapture> StartAsync()
    {
        if (AttackFactAttribute.WhyNot() is { } why) throw new InvalidOperationException(why);
        var dir = Directory.CreateTempSubdirectory("securelink-capture-").FullName;
        var file = Path.Combine(dir, "session.pcap");
        var info = new ProcessStartInfo(Tcpdump) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { "-i", "lo", "-n", "-U", "-s", "0", "-w", file, "udp" }) info.ArgumentList.Add(a);
        var process = Process.Start(info)!;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        // Not one packet may be missed: wait until tcpdump says it listens.
        while (await process.StandardError.ReadLineAsync(cts.Token) is { } line)
            if (line.Contains("listening on", StringComparison.Ordinal)) break;
        _ = process.StandardError.ReadToEndAsync();
        return new PacketCapture(process, dir, file);
    }

    /// <summary>Stops tcpdump (SIGINT, so it flushes) and returns every UDP payload captured, in order.</summary>
    public async Task<IReadOnlyList<byte[]>> StopAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            await Task.Delay(500); // the last packets
            using (var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-INT", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) } })!)
                await kill.WaitForExitAsync();
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(cts.Token);
        }
        return UdpPayloads(await System.IO.File.ReadAllBytesAsync(File));
    }

    /// <summary>The UDP payloads of a pcap file with Ethernet framing (tcpdump's form for lo).</summary>
    public static IReadOnlyList<byte[]> UdpPayloads(byte[] pcap)
    {
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
