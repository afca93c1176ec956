namespace SecureLink.Host.Commands;

/// <summary>
/// Decides the mode from the arguments. Browsers start native hosts with the caller's identity as
/// the first argument: Chromium passes <c>chrome-extension://ID/</c> (and on Windows a
/// <c>--parent-window=N</c>), Firefox passes the manifest path and then the add-on id.
/// </summary>
public static class CommandLineParser
{
    public static CommandKind Classify(IReadOnlyList<string> args, bool stdinRedirected)
    {
        if (args.Count == 0) return stdinRedirected ? CommandKind.NativeMessaging : CommandKind.NoCommand;

        var first = args[0];
        if (IsBrowserCaller(first)) return CommandKind.NativeMessaging;
        return first switch
        {
            "--help" or "-h" or "help" => CommandKind.Help,
            "--version" => CommandKind.Version,
            "interop" => CommandKind.Interop,
            "chat" => CommandKind.Chat,
            _ => CommandKind.Unknown,
        };
    }

    /// <summary>True for a Chromium origin, a Firefox manifest path, or a Firefox add-on id.</summary>
    public static bool IsBrowserCaller(string arg) =>
        arg.StartsWith("chrome-extension://", StringComparison.OrdinalIgnoreCase)
        || arg.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
        || IsFirefoxAddonId(arg);

    // Firefox add-on ids are either email-like ("name@domain") or a GUID in braces.
    private static bool IsFirefoxAddonId(string arg) =>
        !arg.StartsWith('-')
        && ((arg.Contains('@') && !arg.Contains(' ')) || (arg.StartsWith('{') && arg.EndsWith('}')));
}
