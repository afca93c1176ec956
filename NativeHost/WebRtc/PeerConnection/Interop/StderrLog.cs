using SecureLink.WebRtc.Transport;

namespace SecureLink.WebRtc.Interop;

/// <summary>Log lines to stderr at the level SECURELINK_LOG names; off when unset.</summary>
internal sealed class StderrLog(TextWriter stderr, LogLevel threshold) : ILog
{
    private readonly Lock _gate = new();

    public static ILog FromEnvironment(TextWriter stderr)
    {
        var level = Environment.GetEnvironmentVariable("SECURELINK_LOG")?.Trim().ToLowerInvariant() switch
        {
            "trace" => LogLevel.Trace,
            "debug" => LogLevel.Debug,
            "info" => LogLevel.Info,
            "error" => LogLevel.Error,
            _ => LogLevel.None,
        };
        return level == LogLevel.None ? NullLog.Instance : new StderrLog(stderr, level);
    }

    public bool IsEnabled(LogLevel level) => level >= threshold && level != LogLevel.None;

    public void Write(LogLevel level, string category, string message)
    {
        if (!IsEnabled(level)) return;
        lock (_gate)
        {
            stderr.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {level.ToString().ToLowerInvariant()} {category}: {message}");
            stderr.Flush();
        }
    }
}
