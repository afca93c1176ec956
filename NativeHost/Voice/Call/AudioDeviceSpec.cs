namespace SecureLink.Voice.Call;

/// <summary>Which kind of device a spec names.</summary>
public enum AudioDeviceKind
{
    /// <summary>A PulseAudio (or PipeWire-Pulse) source or sink.</summary>
    Pulse,
    /// <summary>A WAV file: looped as a microphone, written as a speaker (tests and interop).</summary>
    Wav,
    /// <summary>Silence in, nothing out.</summary>
    Null,
    /// <summary>A Windows audio endpoint through WASAPI (shared mode); exists only on Windows.</summary>
    Wasapi,
}

/// <summary>
/// An audio device named by a short string, as the host reads it from SECURELINK_AUDIO_IN /
/// SECURELINK_AUDIO_OUT: <c>pulse</c>, <c>pulse:DEVICE</c>, <c>pulse:DEVICE@SERVER</c>,
/// <c>pulse:@SERVER</c> (server = <c>unix:/path</c> or a host name), <c>wasapi</c>, <c>wasapi:ENDPOINT-ID</c>,
/// <c>wav:/path.wav</c>, <c>null</c>.
/// </summary>
/// <param name="Kind">The kind of device.</param>
/// <param name="Device">Pulse source/sink name or WASAPI endpoint id (null = the system's default).</param>
/// <param name="Server">Pulse server (null = the default: PULSE_SERVER or the user's daemon).</param>
/// <param name="Path">The WAV file.</param>
public sealed record AudioDeviceSpec(AudioDeviceKind Kind, string? Device = null, string? Server = null, string? Path = null)
{
    private const string Forms = "use pulse, pulse:DEVICE, pulse:DEVICE@SERVER, wasapi, wasapi:ENDPOINT-ID, wav:/path/file.wav or null";

    /// <summary>The default when nothing is configured: the system's own device on this platform.</summary>
    public static AudioDeviceSpec Default { get; } = DefaultFor(OperatingSystem.IsWindows());

    /// <summary>
    /// The one place the platform picks its audio system: WASAPI on Windows, PulseAudio (or
    /// PipeWire's Pulse server) everywhere else.
    /// </summary>
    public static AudioDeviceSpec DefaultFor(bool windows) => new(windows ? AudioDeviceKind.Wasapi : AudioDeviceKind.Pulse);

    /// <summary>Whether a device id (from a device list or the options page) can stand in a spec of this kind.</summary>
    public static bool IsValidDeviceId(string id) =>
        id.Length is > 0 and <= 256 && !id.Contains('@') && !id.Any(c => char.IsWhiteSpace(c) || char.IsControl(c));

    /// <summary>Parses a spec; throws <see cref="FormatException"/> with the accepted forms for anything else.</summary>
    public static AudioDeviceSpec Parse(string s)
    {
        if (TryParse(s, out var spec, out var error)) return spec;
        throw new FormatException(error);
    }

    /// <summary>Parses a spec without throwing; <paramref name="error"/> says what is wrong.</summary>
    public static bool TryParse(string? s, out AudioDeviceSpec spec, out string error)
    {
        spec = Default;
        error = "";
        var text = s?.Trim() ?? "";
        if (text.Length == 0) { error = $"the audio device is empty; {Forms}"; return false; }
        var colon = text.IndexOf(':');
        var scheme = (colon < 0 ? text : text[..colon]).ToLowerInvariant();
        var rest = colon < 0 ? null : text[(colon + 1)..];
        switch (scheme)
        {
            case "null" when string.IsNullOrEmpty(rest):
                spec = new AudioDeviceSpec(AudioDeviceKind.Null);
                return true;
            case "pulse":
                return TryParsePulse(text, rest, out spec, out error);
            case "wasapi":
                if (string.IsNullOrEmpty(rest)) { spec = new AudioDeviceSpec(AudioDeviceKind.Wasapi); return true; }
                if (!IsValidDeviceId(rest)) { error = $"audio device \"{Show(text)}\" is not a WASAPI endpoint id; {Forms}"; return false; }
                spec = new AudioDeviceSpec(AudioDeviceKind.Wasapi, rest);
                return true;
            case "wav":
                if (string.IsNullOrWhiteSpace(rest)) { error = $"audio device \"{text}\" names no file; {Forms}"; return false; }
                if (rest.Contains('\0')) { error = $"audio device \"{Show(text)}\" has a NUL in its path"; return false; }
                spec = new AudioDeviceSpec(AudioDeviceKind.Wav, Path: rest);
                return true;
            default:
                error = $"audio device \"{Show(text)}\" is not understood; {Forms}";
                return false;
        }
    }

    private static bool TryParsePulse(string text, string? rest, out AudioDeviceSpec spec, out string error)
    {
        spec = new AudioDeviceSpec(AudioDeviceKind.Pulse); // not Default: on Windows that is WASAPI
        error = "";
        if (string.IsNullOrEmpty(rest)) return true;
        var at = rest.IndexOf('@');
        var device = at < 0 ? rest : rest[..at];
        var server = at < 0 ? null : rest[(at + 1)..];
        if (at >= 0 && string.IsNullOrWhiteSpace(server)) { error = $"audio device \"{Show(text)}\" has an empty server after @; {Forms}"; return false; }
        if (device.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)) || (server?.Any(char.IsControl) ?? false))
        {
            error = $"audio device \"{Show(text)}\" contains spaces or control characters; {Forms}";
            return false;
        }
        spec = new AudioDeviceSpec(AudioDeviceKind.Pulse, device.Length == 0 ? null : device, server);
        return true;
    }

    // Error messages quote what the user typed, but never control characters into a terminal.
    private static string Show(string s) => new(s.Select(c => char.IsControl(c) ? '?' : c).Take(200).ToArray());

    /// <summary>The spec string (parses back to an equal spec).</summary>
    public override string ToString() => Kind switch
    {
        AudioDeviceKind.Null => "null",
        AudioDeviceKind.Wav => "wav:" + Path,
        AudioDeviceKind.Wasapi => Device is null ? "wasapi" : "wasapi:" + Device,
        _ when Device is null && Server is null => "pulse",
        _ => "pulse:" + Device + (Server is null ? "" : "@" + Server),
    };
}
