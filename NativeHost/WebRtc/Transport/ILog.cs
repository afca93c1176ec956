namespace SecureLink.WebRtc.Transport;

/// <summary>Verbosity of a log line; <see cref="None"/> turns logging off.</summary>
public enum LogLevel
{
    Trace = 0,
    Debug = 1,
    Info = 2,
    Error = 3,
    None = 4,
}

/// <summary>
/// The one logging seam of the whole host. Deliberately tiny: a line is a level, a
/// category (the layer, e.g. "ice") and a message. Callers must never pass message
/// text, PINs or key material — only states, sizes, counts and addresses.
/// </summary>
public interface ILog
{
    /// <summary>True when lines of <paramref name="level"/> are written; check it before building a costly message.</summary>
    bool IsEnabled(LogLevel level);

    /// <summary>Writes one line.</summary>
    void Write(LogLevel level, string category, string message);
}

/// <summary>A log that writes nothing: the default, since logging is off unless the user turns it on.</summary>
public sealed class NullLog : ILog
{
    /// <summary>The shared instance; it has no state.</summary>
    public static NullLog Instance { get; } = new();

    public bool IsEnabled(LogLevel level) => false;

    public void Write(LogLevel level, string category, string message) { }
}
