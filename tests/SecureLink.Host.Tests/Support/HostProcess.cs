using System.Buffers.Binary;
using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace SecureLink.Host.Tests.Support;

/// <summary>
/// The real built host (securelink-host.dll, copied next to this test assembly) started as a
/// browser would start it, talking frames over its stdin/stdout. Stderr is collected as it comes,
/// so a test that times out can say what the host logged so far. Shared (linked) by every test
/// project that drives a real host, including the benchmarks, so it uses no xunit.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private readonly Process _process;
    private readonly Stream _stdin;
    private readonly Stream _stdout;
    private readonly StringBuilder _stderrSoFar = new();
    private readonly Task<string> _stderr;

    private HostProcess(Process process)
    {
        _process = process;
        _stdin = process.StandardInput.BaseStream;
        _stdout = process.StandardOutput.BaseStream;
        _stderr = CollectStderrAsync(process.StandardError);
    }

    public int Pid => _process.Id;

    /// <summary>What the host wrote to stderr until now.</summary>
    public string Stderr { get { lock (_stderrSoFar) return _stderrSoFar.ToString(); } }

    private async Task<string> CollectStderrAsync(StreamReader stderr)
    {
        var buffer = new char[4096];
        int n;
        while ((n = await stderr.ReadAsync(buffer)) > 0)
            lock (_stderrSoFar) _stderrSoFar.Append(buffer, 0, n);
        return Stderr;
    }

    public static string HostDll
    {
        get
        {
            var path = Path.Combine(AppContext.BaseDirectory, "securelink-host.dll");
            if (!File.Exists(path)) throw new FileNotFoundException("The built host is not next to the test assembly; build the test project first.", path);
            return path;
        }
    }

    /// <summary>dotnet test sets DOTNET_HOST_PATH; a benchmark run by the dotnet executable itself uses that one.</summary>
    public static string DotnetPath =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } p && File.Exists(p) ? p
        : Environment.ProcessPath is { } self && self.EndsWith("dotnet", StringComparison.Ordinal) ? self
        : "dotnet";

    /// <summary>Starts the host with <paramref name="args"/>; <paramref name="log"/> sets SECURELINK_LOG (null removes it).</summary>
    public static HostProcess Start(string? log = null, params string[] args) => Start(log, null, args);

    /// <summary>The same with extra environment variables (e.g. SECURELINK_AUDIO_IN).</summary>
    public static HostProcess Start(string? log, IReadOnlyDictionary<string, string>? environment, params string[] args) =>
        StartVia([], log, environment, args);

    /// <summary>
    /// The same, started through <paramref name="launcher"/>, a command prefix such as
    /// <c>ip netns exec NS</c> (empty: directly), so tests on a namespace test bed drive the host the same way.
    /// </summary>
    public static HostProcess StartVia(IReadOnlyList<string> launcher, string? log, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var info = new ProcessStartInfo(launcher.Count > 0 ? launcher[0] : DotnetPath)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (launcher.Count > 0)
        {
            foreach (var a in launcher.Skip(1)) info.ArgumentList.Add(a);
            info.ArgumentList.Add(DotnetPath);
        }
        info.ArgumentList.Add(HostDll);
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment.Remove("SECURELINK_LOG");
        if (log is not null) info.Environment["SECURELINK_LOG"] = log;
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) info.Environment[name] = value;
        return new HostProcess(Process.Start(info) ?? throw new InvalidOperationException("could not start the host"));
    }

    public async Task SendRawAsync(byte[] bytes)
    {
        using var cts = new CancellationTokenSource(Timeout);
        await _stdin.WriteAsync(bytes, cts.Token);
        await _stdin.FlushAsync(cts.Token);
    }

    public Task SendAsync(string json) => SendRawAsync(Frames.Of(json));

    public Task SendAsync(byte[] payload) => SendRawAsync(Frames.Of(payload));

    /// <summary>Reads one frame; throws on timeout or if stdout ends.</summary>
    public async Task<byte[]> ReceiveRawAsync()
    {
        using var cts = new CancellationTokenSource(Timeout);
        var header = new byte[4];
        await _stdout.ReadExactlyAsync(header, cts.Token);
        var length = BitConverter.IsLittleEndian ? BinaryPrimitives.ReadUInt32LittleEndian(header) : BinaryPrimitives.ReadUInt32BigEndian(header);
        if (length is 0 or > 1024 * 1024) throw new InvalidDataException($"the host wrote a frame of {length} bytes (1 B to 1 MiB allowed)");
        var payload = new byte[length];
        await _stdout.ReadExactlyAsync(payload, cts.Token);
        return payload;
    }

    public async Task<JsonElement> ReceiveAsync()
    {
        var payload = await ReceiveRawAsync();
        using var doc = JsonDocument.Parse(payload);
        return doc.RootElement.Clone();
    }

    /// <summary>Sends <paramref name="json"/> and returns the next frame.</summary>
    public async Task<JsonElement> RequestAsync(string json)
    {
        await SendAsync(json);
        return await ReceiveAsync();
    }

    public void CloseStdin() => _stdin.Close();

    /// <summary>Closes our end of the host's stdout, as a browser that stopped reading would.</summary>
    public void CloseStdout() => _stdout.Close();

    /// <summary>Waits for exit; returns (exit code, elapsed since the call, stderr).</summary>
    public async Task<(int ExitCode, TimeSpan Elapsed, string Stderr)> WaitForExitAsync(TimeSpan? within = null)
    {
        var sw = Stopwatch.StartNew();
        using var cts = new CancellationTokenSource(within ?? Timeout);
        await _process.WaitForExitAsync(cts.Token);
        var elapsed = sw.Elapsed;
        var stderr = await _stderr.WaitAsync(Timeout);
        return (_process.ExitCode, elapsed, stderr);
    }

    /// <summary>True once stdout has ended (the host wrote nothing more and closed it).</summary>
    public async Task<byte[]> ReadRestOfStdoutAsync()
    {
        using var cts = new CancellationTokenSource(Timeout);
        using var rest = new MemoryStream();
        await _stdout.CopyToAsync(rest, cts.Token);
        return rest.ToArray();
    }

    public void Kill() => _process.Kill(entireProcessTree: true);

    public void SendSignal(string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-" + signal, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) } })!;
        kill.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        try { _stdin.Close(); } catch (IOException) { }
        if (!_process.WaitForExit(5000))
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
