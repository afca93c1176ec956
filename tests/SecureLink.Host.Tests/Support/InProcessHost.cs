using System.Text.Json;
using SecureLink.Host.NativeMessaging;
using SecureLink.Host.Session;
using SecureLink.WebRtc.Transport;

namespace SecureLink.Host.Tests.Support;

/// <summary>Runs the very same host composition over in-memory streams (fast, for properties).</summary>
public static class InProcessHost
{
    public static async Task<(int ExitCode, List<byte[]> Frames)> RunAsync(byte[] input, Func<IEventSink, ISessionState>? session = null, ILog? log = null)
    {
        var output = new MemoryStream();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var code = await HostSession.Create(new MemoryStream(input), output, log ?? NullLog.Instance, session).RunAsync(cts.Token).WaitAsync(cts.Token);
        return (code, Frames.Split(output.ToArray()));
    }

    public static JsonElement Parse(byte[] frame)
    {
        using var doc = JsonDocument.Parse(frame);
        return doc.RootElement.Clone();
    }
}
