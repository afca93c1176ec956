namespace SecureLink.WebRtc.Interop;

/// <summary>The parsed command line of <c>securelink-host interop</c>.</summary>
internal sealed record InteropOptions(string Role, IReadOnlyList<string> StunServers, bool IncludeLoopback)
{
    public const string Usage = """
        usage: securelink-host interop --role answer|offer [--stun HOST:PORT]... [--include-loopback]

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
                case "--audio-in" or "--audio-out":
                    error = $"interop: {a} is not supported yet (audio tracks come with voice calls).";
                    return null;
                case "--role" or "--stun":
                    error = $"interop: {a} needs a value.";
                    return null;
                default:
                    error = $"interop: unknown argument '{a}' (try --help).";
                    return null;
            }
        }
        if (role is null) { error = "interop: --role answer|offer is required (try --help)."; return null; }
        return new InteropOptions(role, stun, loopback);
    }

    private static bool LooksLikeHostPort(string value)
    {
        var v = value.StartsWith("stun:", StringComparison.OrdinalIgnoreCase) ? value[5..] : value;
        var colon = v.LastIndexOf(':');
        return colon > 0 && int.TryParse(v.AsSpan(colon + 1), out var port) && port is > 0 and < 65536;
    }
}
