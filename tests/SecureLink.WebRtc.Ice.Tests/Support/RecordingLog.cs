using System.Collections.Concurrent;
using SecureLink.WebRtc.Transport;

namespace SecureLink.WebRtc.Ice.Tests.Support;

/// <summary>Keeps every line so a failing test can print what the agent did.</summary>
internal sealed class RecordingLog : ILog
{
    public ConcurrentQueue<string> Lines { get; } = new();
    public bool IsEnabled(LogLevel level) => true;
    public void Write(LogLevel level, string category, string message) => Lines.Enqueue($"{level} {category}: {message}");
}
