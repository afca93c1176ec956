namespace SecureLink.Installer;

/// <summary>The --help texts, one per command.</summary>
public static class HelpText
{
    private const string Selectors = """
          --browser NAME     chromium, chrome, edge, brave, vivaldi, firefox or all (repeat or comma-separate;
                             default: all)
          --scope SCOPE      user (default) or system (machine-wide; needs sudo / an administrator)
          --profile-dir DIR  a dedicated Chromium-family profile started with --user-data-dir=DIR: uses
                             DIR/NativeMessagingHosts/app.securelink.host.json (Linux and macOS; Firefox has no
                             per-profile manifests)
        """;

    public static string For(string command) => command switch
    {
        "install" => $"""
            Usage: securelink-installer install [options]

            Registers securelink-host with the selected browsers: writes app.securelink.host.json where each browser
            looks (and, on Windows, the registry key that points at it). Safe to run again at any time: it rewrites the
            manifests, so after moving or rebuilding the host just run it again.

            Options:
            {Selectors}
              --host-path PATH   the securelink-host executable (default: next to this installer, else the
                                 repository's build output NativeHost/Host/bin/*/net10.0/)
              -h, --help         this text
            """,
        "uninstall" => $"""
            Usage: securelink-installer uninstall [options]

            Removes the manifests (and Windows registry keys) that install writes for the selected browsers.
            Nothing there is fine: uninstalling twice succeeds.

            Options:
            {Selectors}
              -h, --help         this text
            """,
        "doctor" => $"""
            Usage: securelink-installer doctor [options]

            Checks why a browser might fail to start the host and prints each problem with the command that fixes it:
            missing or invalid manifest, wrong name or allow-list, host path stale / relative / not executable /
            a .dll, missing Windows registry key, Flatpak or Snap browsers (sandboxed: they cannot start the host),
            and whether the host starts (securelink-host --version). Without --browser it checks the browsers that
            are registered or have a profile on this machine.

            Options:
            {Selectors}
              --host-path PATH   also check that every manifest starts this host
              --json             machine-readable report
              -h, --help         this text

            Exit status: 0 healthy (warnings allowed), 1 problems found, 2 bad arguments.
            """,
        _ => """
            Usage: securelink-installer <command> [options]

            Registers the SecureLink native messaging host (securelink-host) with Chromium, Google Chrome,
            Microsoft Edge, Brave, Vivaldi and Firefox on Linux, macOS and Windows.

            Commands:
              install     write the host manifests (idempotent; re-run after moving the host)
              uninstall   remove them
              doctor      diagnose why the extension cannot reach the host, with fixes

            Run 'securelink-installer <command> --help' for the options.
            Exit status: 0 success, 1 failure (doctor: problems found), 2 bad arguments.
            """,
    };
}
