using SecureLink.WebRtc.Transport;

namespace SecureLink.WebRtc.Tests.Infrastructure;

/// <summary>SECURELINK_LOG=debug while debugging a test writes the layers' lines to stderr.</summary>
public sealed class TestLog(LogLevel threshold) : ILog
{
    public static ILog FromEnvironment() => Environment.GetEnvironmentVariable("SECURELINK_LOG") switch
    {
        "trace" => new TestLog(LogLevel.Trace),
        "debug" => new TestLog(LogLevel.Debug),
        "info" => new TestLog(LogLevel.Info),
        "error" => new TestLog(LogLevel.Error),
        _ => NullLog.Instance,
    };

    public bool IsEnabled(LogLevel level) => level >= threshold && level != LogLevel.None;

    public void Write(LogLevel level, string category, string message) =>
        Console.Error.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {level} {category}: {message}");
}
