namespace SecureLink.Installer;

/// <summary>The parsed command line.</summary>
public sealed record CliArguments(string Command, Selection Selection, bool Json, bool Help);

/// <summary>
/// A small, strict parser: every option is known, every mistake is one clear line (exit 2).
/// Hand-written rather than System.CommandLine so the error texts and exit codes are exactly ours.
/// </summary>
public static class CliParser
{
    public static readonly string[] Commands = ["install", "uninstall", "doctor"];

    public static CliArguments Parse(IReadOnlyList<string> args)
    {
        if (args.Count == 0) throw new UsageException("missing command: use install, uninstall or doctor (see --help)");
        var first = args[0];
        if (first is "--help" or "-h" or "help")
        {
            var topic = args.Count > 1 && Commands.Contains(args[1]) ? args[1] : "";
            return new CliArguments(topic, Selection.Default, false, true);
        }
        if (first is "--version") return new CliArguments("--version", Selection.Default, false, false);
        if (!Commands.Contains(first))
        {
            throw new UsageException(first.StartsWith('-')
                ? $"unknown option '{first}' before the command (see --help)"
                : $"unknown command '{first}': use install, uninstall or doctor (see --help)");
        }

        var browsers = new List<BrowserId>();
        InstallScope? scope = null;
        string? profileDir = null, hostPath = null;
        bool json = false, help = false;

        for (var i = 1; i < args.Count; i++)
        {
            var arg = args[i];
            string? inline = null;
            if (arg.StartsWith("--", StringComparison.Ordinal) && arg.IndexOf('=') is var eq and > 0)
            {
                inline = arg[(eq + 1)..];
                arg = arg[..eq];
            }
            string Value()
            {
                if (inline is not null)
                {
                    if (inline.Length == 0) throw new UsageException($"{arg} needs a value (see securelink-installer {first} --help)");
                    return inline;
                }
                if (i + 1 >= args.Count || (args[i + 1].StartsWith("--", StringComparison.Ordinal)))
                    throw new UsageException($"{arg} needs a value (see securelink-installer {first} --help)");
                return args[++i];
            }
            void NoValue()
            {
                if (inline is not null) throw new UsageException($"{arg} takes no value (see securelink-installer {first} --help)");
            }

            switch (arg)
            {
                case "--browser":
                    foreach (var name in Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    {
                        if (name.Equals("all", StringComparison.OrdinalIgnoreCase))
                        {
                            browsers.AddRange(BrowserInfo.All.Select(b => b.Id));
                            continue;
                        }
                        var info = BrowserInfo.FindByCliName(name)
                                   ?? throw new UsageException($"unknown browser '{name}': use chromium, chrome, edge, brave, vivaldi, firefox or all");
                        browsers.Add(info.Id);
                    }
                    break;
                case "--scope":
                    var s = Value();
                    scope = s.ToLowerInvariant() switch
                    {
                        "user" => InstallScope.User,
                        "system" => InstallScope.System,
                        _ => throw new UsageException($"unknown scope '{s}': use user or system"),
                    };
                    break;
                case "--profile-dir":
                    profileDir = Value();
                    break;
                case "--host-path":
                    hostPath = Value();
                    break;
                case "--json" when first == "doctor":
                    NoValue();
                    json = true;
                    break;
                case "--help" or "-h":
                    help = true;
                    break;
                default:
                    throw new UsageException(arg.StartsWith('-')
                        ? $"unknown option '{arg}' for {first} (see securelink-installer {first} --help)"
                        : $"unexpected argument '{arg}' for {first} (see securelink-installer {first} --help)");
            }
        }

        var explicitBrowsers = browsers.Count > 0;
        var selection = new Selection(
            explicitBrowsers ? browsers.Distinct().ToList() : Selection.Default.Browsers,
            explicitBrowsers,
            scope ?? InstallScope.User,
            profileDir,
            hostPath);
        return new CliArguments(first, selection, json, help);
    }
}
