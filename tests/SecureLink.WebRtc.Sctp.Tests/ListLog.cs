using SecureLink.WebRtc.Transport;

namespace SecureLink.WebRtc.Sctp.Tests;

/// <summary>Keeps the last lines logged, to explain a failure.</summary>
internal sealed class ListLog(string name) : ILog
{
    private readonly Queue<string> _lines = new();
    public bool IsEnabled(LogLevel level) => true;

    public void Write(LogLevel level, string category, string message)
    {
        lock (_lines)
        {
            _lines.Enqueue($"{name} {category}: {message}");
            if (_lines.Count > 40) _lines.Dequeue();
        }
    }

    public override string ToString()
    {
        lock (_lines) return string.Join("\n", _lines);
    }
}
