using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using SecureLink.WebRtc.Interop;

namespace SecureLink.WebRtc.Tests.Infrastructure;

/// <summary>A TextReader fed line by line by the test (what stdin would be).</summary>
public sealed class LineFeed : TextReader
{
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();

    public void WriteLine(string line) => _lines.Writer.TryWrite(line);

    public void End() => _lines.Writer.TryComplete();

    public override async ValueTask<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        try { return await _lines.Reader.ReadAsync(cancellationToken); }
        catch (ChannelClosedException) { return null; }
    }

    public override string? ReadLine() => ReadLineAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
}

/// <summary>A TextWriter that hands each completed line to a channel (what stdout would be).</summary>
public sealed class LineSink : TextWriter
{
    private readonly StringBuilder _partial = new();
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly Lock _gate = new();

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        lock (_gate)
        {
            if (value == '\n') { _lines.Writer.TryWrite(_partial.ToString()); _partial.Clear(); }
            else _partial.Append(value);
        }
    }

    public override void Write(string? value)
    {
        foreach (var c in value ?? "") Write(c);
    }

    public async Task<string> NextLineAsync(CancellationToken ct) => await _lines.Reader.ReadAsync(ct);

    public void Complete() => _lines.Writer.TryComplete();

    /// <summary>Every line must be a JSON object (stdout carries nothing else); skips to the given type.</summary>
    public async Task<JsonObject> NextOfTypeAsync(string type, CancellationToken ct)
    {
        while (true)
        {
            var line = await NextLineAsync(ct);
            var obj = Assert.IsType<JsonObject>(JsonNode.Parse(line));
            var t = (string?)obj["type"];
            if (t == type) return obj;
            if (t == "error") throw new InvalidOperationException($"interop error: {obj["message"]}");
        }
    }
}

/// <summary>InteropCommand run in this process with fed stdin and captured stdout/stderr.</summary>
public sealed class InProcessInterop : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();

    public InProcessInterop(params string[] args) : this(null, args)
    {
    }

    /// <summary>With an audio hook, as the host passes the Voice layer's.</summary>
    public InProcessInterop(IInteropAudio? audio, params string[] args)
    {
        Run = Task.Run(() => InteropCommand.RunAsync(args, Input, Output, Error, audio, _stop.Token));
    }

    public LineFeed Input { get; } = new();
    public LineSink Output { get; } = new();
    public StringWriter Error { get; } = new();
    public Task<int> Run { get; }

    public void Send(object message) => Input.WriteLine(System.Text.Json.JsonSerializer.Serialize(message));

    public async ValueTask DisposeAsync()
    {
        Input.End();
        try { await Run.WaitAsync(TimeSpan.FromSeconds(15)); }
        catch (TimeoutException) { await _stop.CancelAsync(); }
        _stop.Dispose();
    }
}
