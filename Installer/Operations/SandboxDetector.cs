namespace SecureLink.Installer;

/// <summary>
/// Finds Flatpak and Snap builds of a browser on Linux. Sandboxed browsers cannot start a host binary outside their
/// sandbox, which users see as "Failed to connect" with no hint why (keepassxc-browser#1875), so doctor names it.
/// </summary>
public static class SandboxDetector
{
    public static IEnumerable<DoctorFinding> Check(BrowserId browser, InstallerEnvironment env)
    {
        if (env.Os != TargetOs.Linux) yield break;
        var info = BrowserInfo.Get(browser);
        var ctx = env.Paths;
        var hasNative = info.NativeLinuxBinaries.Any(b => env.Files.FileExists(ctx.Rooted(b)));
        var nativeHint = hasNative
            ? $" A regular (non-sandboxed) {info.DisplayName} is installed too: start that one and SecureLink works there."
            : "";

        var flatpakDirs = new[]
        {
            OsPath.Join(ctx.Os, ctx.Rooted("/var/lib/flatpak/app"), info.FlatpakId),
            OsPath.Join(ctx.Os, ctx.Home, ".local/share/flatpak/app", info.FlatpakId),
        };
        foreach (var dir in flatpakDirs.Where(env.Files.DirectoryExists))
        {
            yield return new DoctorFinding(
                hasNative ? FindingSeverity.Warning : FindingSeverity.Problem,
                FindingCodes.Flatpak,
                info.DisplayName,
                dir,
                $"{info.DisplayName} is installed as a Flatpak ({info.FlatpakId}). A Flatpak browser runs in a sandbox and cannot start " +
                "securelink-host outside it, so the extension will fail to connect." + nativeHint,
                $"Use your distribution's package instead ({DistroPackageHint(browser)}), or remove the Flatpak: flatpak uninstall {info.FlatpakId}");
            break;   // one report per browser is enough
        }

        if (info.SnapName is { } snap)
        {
            var snapDir = OsPath.Join(ctx.Os, ctx.Rooted("/snap"), snap);
            if (env.Files.DirectoryExists(snapDir))
            {
                if (browser == BrowserId.Firefox)
                {
                    // Snap Firefox reaches native hosts through the xdg-desktop-portal "native messaging" portal when the
                    // system's portal supports it; it may work, so this is a warning.
                    yield return new DoctorFinding(FindingSeverity.Warning, FindingCodes.Snap, info.DisplayName, snapDir,
                        "Firefox is installed as a Snap. Snap Firefox can start native hosts only through the desktop portal " +
                        "(needs a recent xdg-desktop-portal); if SecureLink does not connect, this is why." + nativeHint,
                        "If it does not connect: install Firefox from Mozilla's APT repository (packages.mozilla.org) or your distribution's .deb, then run the installer again.");
                }
                else
                {
                    yield return new DoctorFinding(hasNative ? FindingSeverity.Warning : FindingSeverity.Problem, FindingCodes.Snap,
                        info.DisplayName, snapDir,
                        $"{info.DisplayName} is installed as a Snap. A Snap browser runs in a sandbox and cannot start securelink-host " +
                        "outside it, so the extension will fail to connect." + nativeHint,
                        $"Use a non-Snap build ({DistroPackageHint(browser)}), or remove the Snap: sudo snap remove {snap}");
                }
            }
        }
    }

    private static string DistroPackageHint(BrowserId browser) => browser switch
    {
        BrowserId.Chromium => "e.g. Debian: sudo apt install chromium",
        BrowserId.Chrome => "the .deb or .rpm from google.com/chrome",
        BrowserId.Edge => "the .deb or .rpm from microsoft.com/edge",
        BrowserId.Brave => "the .deb or .rpm from brave.com/linux",
        BrowserId.Vivaldi => "the .deb or .rpm from vivaldi.com",
        _ => "e.g. Debian: sudo apt install firefox-esr",
    };
}
