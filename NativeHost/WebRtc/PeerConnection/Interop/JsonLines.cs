using System.Text.Json;
using System.Text.Json.Nodes;
using SecureLink.WebRtc.DataChannels;

namespace SecureLink.WebRtc.Interop;

/// <summary>
/// The interop line protocol's output: one compact JSON object per line,
/// written whole and flushed under a lock, since events arrive from several loops.
/// </summary>
internal sealed class JsonLineWriter(TextWriter output)
{
    private readonly Lock _gate = new();

    public void Write(JsonObject line)
    {
        var text = line.ToJsonString();
        lock (_gate)
        {
            output.Write(text);
            output.Write('\n');
            output.Flush();
        }
    }

    public void Description(string type, string sdp) => Write(new JsonObject { ["type"] = type, ["sdp"] = sdp });

    public void Open(string label) => Write(new JsonObject { ["type"] = "open", ["label"] = label });

    public void Closed() => Write(new JsonObject { ["type"] = "closed" });

    public void Error(string message) => Write(new JsonObject { ["type"] = "error", ["message"] = message });

    /// <summary>Text as "data"; binary as "binary" in base64 (JSON cannot carry raw bytes).</summary>
    public void Message(DataChannelMessage message) => Write(message.IsText
        ? new JsonObject { ["type"] = "message", ["data"] = message.Text }
        : new JsonObject { ["type"] = "message", ["binary"] = Convert.ToBase64String(message.Data) });
}

/// <summary>
/// The interop protocol's input lines. A dedicated thread reads the TextReader,
/// because Console.In's async reads block their caller: awaiting them directly
/// would stop the session noticing that the peer left while no input arrives.
/// </summary>
internal sealed class JsonLineReader
{
    private readonly System.Threading.Channels.Channel<string> _lines =
        System.Threading.Channels.Channel.CreateUnbounded<string>(new() { SingleReader = true, SingleWriter = true });

    public JsonLineReader(TextReader input)
    {
        var pump = new Thread(() =>
        {
            try
            {
                while (input.ReadLine() is { } line) _lines.Writer.TryWrite(line);
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException)
            {
                // A closed stdin is the end of input.
            }
            _lines.Writer.TryComplete();
        })
        {
            IsBackground = true, // a read still blocked at exit must not keep the process alive
            Name = "interop stdin",
        };
        pump.Start();
    }

    /// <summary>The next non-empty line as an object; null at end of input. Throws FormatException for a line that is not a JSON object.</summary>
    public async Task<JsonObject?> NextAsync(CancellationToken ct)
    {
        while (await _lines.Reader.WaitToReadAsync(ct).ConfigureAwait(false))
        {
            if (!_lines.Reader.TryRead(out var line) || string.IsNullOrWhiteSpace(line)) continue;
            try
            {
                return JsonNode.Parse(line) as JsonObject ?? throw new FormatException("an input line is not a JSON object");
            }
            catch (JsonException e)
            {
                throw new FormatException($"an input line is not valid JSON ({e.Message})", e);
            }
        }
        return null;
    }

    public static string? Type(JsonObject line) => line["type"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public static string? StringField(JsonObject line, string name) =>
        line[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
