using System.Globalization;

namespace SecureLink.WebRtc.Transport;

/// <summary>
/// Writes log lines to stderr: <c>2026-01-01T12:00:00.000Z info host: message</c>. Stdout is the
/// native messaging channel, so nothing else may ever go there. Callers pass only states, sizes,
/// counts and codes — never request content.
/// </summary>
public sealed class StderrLog : ILog
{
    private readonly LogLevel _minimum;
    private readonly TextWriter _writer;
    private readonly Lock _gate = new();

    public StderrLog(LogLevel minimum, TextWriter writer)
    {
        _minimum = minimum;
        _writer = writer;
    }

    public bool IsEnabled(LogLevel level) => level != LogLevel.None && level >= _minimum;

    public void Write(LogLevel level, string category, string message)
    {
        if (!IsEnabled(level)) return;
        var line = string.Create(CultureInfo.InvariantCulture,
            $"{DateTime.UtcNow:yyyy-MM-ddTHH:mm:ss.fffZ} {Name(level)} {category}: {message}");
        lock (_gate)
        {
            try
            {
                _writer.WriteLine(line);
                _writer.Flush();
            }
            catch (IOException) { /* stderr gone: logging is best effort */ }
            catch (ObjectDisposedException) { }
        }
    }

    private static string Name(LogLevel level) => level switch
    {
        LogLevel.Trace => "trace",
        LogLevel.Debug => "debug",
        LogLevel.Info => "info",
        LogLevel.Error => "error",
        _ => "none",
    };
}
