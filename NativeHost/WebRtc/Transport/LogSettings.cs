
namespace SecureLink.WebRtc.Transport;

/// <summary>Reads <c>SECURELINK_LOG</c>; logging is off unless it names a level.</summary>
public static class LogSettings
{
    public const string VariableName = "SECURELINK_LOG";

    /// <summary>Parses a level name; null for an unrecognised value, <see cref="LogLevel.None"/> for empty/absent/"none"/"off".</summary>
    public static LogLevel? Parse(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "none" or "off" => LogLevel.None,
        "error" => LogLevel.Error,
        "info" => LogLevel.Info,
        "debug" => LogLevel.Debug,
        "trace" => LogLevel.Trace,
        _ => null,
    };

    /// <summary>The log the environment asks for; says once on stderr if the value is not understood.</summary>
    public static ILog FromEnvironment(Func<string, string?> getVariable, Func<TextWriter> stderr)
    {
        var raw = getVariable(VariableName);
        var level = Parse(raw);
        if (level is null)
        {
            stderr().WriteLine($"securelink-host: {VariableName} must be error, info, debug or trace; logging stays off.");
            return NullLog.Instance;
        }
        return level == LogLevel.None ? NullLog.Instance : new StderrLog(level.Value, stderr());
    }
}
