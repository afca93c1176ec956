namespace SecureLink.WebRtc.Interop;

/// <summary>The parsed command line of <c>securelink-host interop</c>.</summary>
internal sealed record InteropOptions(string Role, IReadOnlyList<string> StunServers, bool IncludeLoopback)
{
    /// <summary>A WAV file to send, looping, on a sendrecv Opus m-line.</summary>
    public string? AudioIn { get; init; }

    /// <summary>Where to write the audio received, in full when the session ends.</summary>
    public string? AudioOut { get; init; }

    /// <summary>True when either audio option was given: the endpoint then offers or accepts audio.</summary>
    public bool WantsAudio => AudioIn is not null || AudioOut is not null;

    public const string Usage = """
        usage: securelink-host interop --role answer|offer [--stun HOST:PORT]... [--include-loopback]
                                       [--audio-in FILE.wav] [--audio-out FILE.wav]

        A plain WebRTC data channel endpoint for interoperability checks. Standard
        input and output carry one JSON object per line; logs go to stderr
        (SECURELINK_LOG=error|info|debug|trace).

          --role answer   read {"type":"offer","sdp":...}, write {"type":"answer","sdp":...}
                          (non-trickle), then echo every message back on its channel
          --role offer    write {"type":"offer","sdp":...} with one channel "echo", read
                          {"type":"answer","sdp":...}, then send each input line's "data"
                          (text) or "binary" (base64) on the channel
          --stun H:P      add server-reflexive candidates from this STUN server (repeatable)
          --include-loopback  also offer loopback candidates (for tests on one machine)
          --audio-in F    also send F's audio, looping, as Opus on a sendrecv audio m-line
                          (answer role: accept an offered audio m-line sendrecv)
          --audio-out F   record the audio received to F (WAV), written when the session ends

        Output lines: {"type":"answer"|"offer","sdp":...}, {"type":"open","label":...},
        {"type":"message","data":TEXT} or {"type":"message","binary":BASE64},
        {"type":"closed"}, {"type":"error","message":...}. Input {"type":"close"} ends
        the session. Exit 0 when the session ends normally, 1 on failure, 2 on usage errors.
        """;

    /// <summary>Parses; returns null with <paramref name="error"/> set on a usage error, or null and no error for --help.</summary>
    public static InteropOptions? Parse(IReadOnlyList<string> args, out string? error)
    {
        error = null;
        string? role = null;
        var stun = new List<string>();
        var loopback = false;
        string? audioIn = null, audioOut = null;
        // The host may pass its whole command line; the subcommand name itself is not an option.
        var start = args.Count > 0 && args[0] == "interop" ? 1 : 0;
        for (var i = start; i < args.Count; i++)
        {
            var a = args[i];
            switch (a)
            {
                case "--help" or "-h":
                    return null;
                case "--role" when i + 1 < args.Count:
                    role = args[++i];
                    if (role is not ("answer" or "offer")) { error = $"interop: --role must be 'answer' or 'offer', not '{role}'."; return null; }
                    break;
                case "--stun" when i + 1 < args.Count:
                    var server = args[++i];
                    if (!LooksLikeHostPort(server)) { error = $"interop: --stun needs HOST:PORT, not '{server}'."; return null; }
                    stun.Add(server);
                    break;
                case "--include-loopback":
                    loopback = true;
                    break;
                case "--audio-in" when i + 1 < args.Count:
                    audioIn = args[++i];
                    if (!File.Exists(audioIn)) { error = $"interop: --audio-in file '{audioIn}' does not exist."; return null; }
                    break;
                case "--audio-out" when i + 1 < args.Count:
                    audioOut = args[++i];
                    break;
                case "--role" or "--stun" or "--audio-in" or "--audio-out":
                    error = $"interop: {a} needs a value.";
                    return null;
                default:
                    error = $"interop: unknown argument '{a}' (try --help).";
                    return null;
            }
        }
        if (role is null) { error = "interop: --role answer|offer is required (try --help)."; return null; }
        return new InteropOptions(role, stun, loopback) { AudioIn = audioIn, AudioOut = audioOut };
    }

    private static bool LooksLikeHostPort(string value)
    {
        var v = value.StartsWith("stun:", StringComparison.OrdinalIgnoreCase) ? value[5..] : value;
        var colon = v.LastIndexOf(':');
        return colon > 0 && int.TryParse(v.AsSpan(colon + 1), out var port) && port is > 0 and < 65536;
    }
}
