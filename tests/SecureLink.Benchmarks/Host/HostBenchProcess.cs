using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace SecureLink.Benchmarks.Host;

/// <summary>The built securelink-host (next to this assembly) started the way a browser starts it, for timing.</summary>
internal sealed class HostBenchProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Stream _stdin;
    private readonly Stream _stdout;
    private readonly byte[] _header = new byte[4];

    private HostBenchProcess(Process process)
    {
        _process = process;
        _stdin = process.StandardInput.BaseStream;
        _stdout = process.StandardOutput.BaseStream;
    }

    public int Pid => _process.Id;

    public static string HostDll => Path.Combine(AppContext.BaseDirectory, "securelink-host.dll");

    public static string Dotnet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } p && File.Exists(p) ? p : "dotnet";

    public static HostBenchProcess Start()
    {
        var info = new ProcessStartInfo(Dotnet)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = false,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(HostDll);
        info.Environment.Remove("SECURELINK_LOG");
        return new HostBenchProcess(Process.Start(info) ?? throw new InvalidOperationException("could not start securelink-host"));
    }

    public static byte[] Frame(string json)
    {
        var payload = Encoding.UTF8.GetBytes(json);
        var frame = new byte[4 + payload.Length];
        if (BitConverter.IsLittleEndian) BinaryPrimitives.WriteUInt32LittleEndian(frame, (uint)payload.Length);
        else BinaryPrimitives.WriteUInt32BigEndian(frame, (uint)payload.Length);
        payload.CopyTo(frame, 4);
        return frame;
    }

    /// <summary>Sends one frame and reads one frame back; returns the answer's payload length.</summary>
    public async Task<int> RoundTripAsync(byte[] frame, CancellationToken cancellationToken)
    {
        await _stdin.WriteAsync(frame, cancellationToken);
        await _stdin.FlushAsync(cancellationToken);
        await _stdout.ReadExactlyAsync(_header, cancellationToken);
        var length = (int)(BitConverter.IsLittleEndian ? BinaryPrimitives.ReadUInt32LittleEndian(_header) : BinaryPrimitives.ReadUInt32BigEndian(_header));
        var payload = new byte[length];
        await _stdout.ReadExactlyAsync(payload, cancellationToken);
        return length;
    }

    /// <summary>User + system CPU time the process has used so far, in milliseconds.</summary>
    public double CpuMilliseconds()
    {
        _process.Refresh();
        return _process.TotalProcessorTime.TotalMilliseconds;
    }

    /// <summary>VmRSS of the process in MiB, or NaN where /proc is not available.</summary>
    public double ResidentMiB()
    {
        var path = $"/proc/{_process.Id}/status";
        if (!File.Exists(path)) return double.NaN;
        foreach (var line in File.ReadLines(path))
        {
            if (!line.StartsWith("VmRSS:", StringComparison.Ordinal)) continue;
            var kb = line["VmRSS:".Length..].Trim().Split(' ')[0];
            return double.Parse(kb, CultureInfo.InvariantCulture) / 1024.0;
        }
        return double.NaN;
    }

    public async ValueTask DisposeAsync()
    {
        _stdin.Close();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try { await _process.WaitForExitAsync(cts.Token); }
        catch (OperationCanceledException) { _process.Kill(entireProcessTree: true); }
        _process.Dispose();
    }
}
