namespace SecureLink.Installer;

/// <summary>
/// The table: where each browser, on each OS and scope, reads the host manifest. Pure: no I/O.
/// </summary>
/// <remarks>
/// Sources, checked while writing this (keep them when you edit the table):
/// <list type="bullet">
/// <item>Chrome / Chromium: developer.chrome.com "Native messaging" (host location). Chromium's chrome_paths.cc:
/// DIR_USER_NATIVE_MESSAGING is &lt;user-data-dir&gt;/NativeMessagingHosts (so <c>--user-data-dir</c> profiles read their
/// own folder); DIR_NATIVE_MESSAGING is /etc/opt/chrome/native-messaging-hosts and /Library/Google/Chrome/NativeMessagingHosts
/// only for Google-branded builds, and /etc/chromium/native-messaging-hosts and
/// /Library/Application Support/Chromium/NativeMessagingHosts for every other build.</item>
/// <item>Edge: Microsoft's "Native messaging" page (learn.microsoft.com, microsoft-edge/extensions): HKCU/HKLM
/// Software\Microsoft\Edge\NativeMessagingHosts, /etc/opt/edge/native-messaging-hosts, /Library/Microsoft/Edge/NativeMessagingHosts.</item>
/// <item>Brave and Vivaldi are not Google-branded builds and brave-core does not override DIR_NATIVE_MESSAGING, so their
/// system folders are Chromium's. On Windows both read Google Chrome's registry key (KeePassXC NativeMessageInstaller.cpp
/// maps both to it; keepassxc-browser#48 is the Vivaldi report).</item>
/// <item>Firefox: MDN "Native manifests": ~/.mozilla/native-messaging-hosts, /usr/lib/mozilla and /usr/lib64/mozilla,
/// ~/Library/Application Support/Mozilla/NativeMessagingHosts, /Library/Application Support/Mozilla/NativeMessagingHosts,
/// HKCU/HKLM Software\Mozilla\NativeMessagingHosts.</item>
/// </list>
/// Some locations are shared (Brave, Vivaldi and Chromium system-wide on Linux; Chrome, Brave, Vivaldi on Windows):
/// the manifests are identical, so sharing is harmless, but uninstalling one removes it for the others
/// (<see cref="SharedWith"/> lets the CLI say so).
/// </remarks>
public static class ManifestLocations
{
    public const string ManifestFileName = HostManifest.Name + ".json";

    /// <summary>Where <paramref name="browser"/> reads the manifest for this OS and scope (usually one place).</summary>
    public static IReadOnlyList<ManifestLocation> For(BrowserId browser, InstallScope scope, PathContext ctx) =>
        ctx.Os switch
        {
            TargetOs.Linux => Linux(browser, scope, ctx),
            TargetOs.MacOS => Mac(browser, scope, ctx),
            TargetOs.Windows => [Windows(browser, scope, ctx)],
            _ => throw new ArgumentOutOfRangeException(nameof(ctx)),
        };

    /// <summary>A dedicated Chromium-family profile (<c>--user-data-dir=DIR</c>) reads <c>DIR/NativeMessagingHosts</c>.</summary>
    public static ManifestLocation ForProfileDirectory(string profileDirectory, TargetOs os) =>
        new(OsPath.Join(os, profileDirectory, "NativeMessagingHosts", ManifestFileName));

    /// <summary>
    /// A file every real profile of the browser has (Chromium family: "Local State" in the user data folder; Firefox:
    /// profiles.ini). Doctor treats a browser as in use when it exists; folders alone do not count, since install
    /// itself creates NativeMessagingHosts folders.
    /// </summary>
    public static string InUseMarker(BrowserId browser, PathContext ctx)
    {
        var os = ctx.Os;
        return ctx.Os switch
        {
            TargetOs.Linux => browser == BrowserId.Firefox
                ? OsPath.Join(os, ctx.Home, ".mozilla", "firefox", "profiles.ini")
                : OsPath.Join(os, ctx.ConfigHome, LinuxConfigFolder(browser), "Local State"),
            TargetOs.MacOS => browser == BrowserId.Firefox
                ? OsPath.Join(os, ctx.Home, "Library", "Application Support", "Firefox", "profiles.ini")
                : OsPath.Join(os, ctx.Home, "Library", "Application Support", MacSupportFolder(browser), "Local State"),
            _ => browser switch
            {
                BrowserId.Firefox => OsPath.Join(os, ctx.EffectiveRoamingAppData, "Mozilla", "Firefox", "profiles.ini"),
                BrowserId.Chromium => OsPath.Join(os, ctx.EffectiveLocalAppData, "Chromium", "User Data", "Local State"),
                BrowserId.Chrome => OsPath.Join(os, ctx.EffectiveLocalAppData, "Google", "Chrome", "User Data", "Local State"),
                BrowserId.Edge => OsPath.Join(os, ctx.EffectiveLocalAppData, "Microsoft", "Edge", "User Data", "Local State"),
                BrowserId.Brave => OsPath.Join(os, ctx.EffectiveLocalAppData, "BraveSoftware", "Brave-Browser", "User Data", "Local State"),
                _ => OsPath.Join(os, ctx.EffectiveLocalAppData, "Vivaldi", "User Data", "Local State"),
            },
        };
    }

    /// <summary>Other browsers that read the very same file or registry key.</summary>
    public static IReadOnlyList<BrowserId> SharedWith(BrowserId browser, InstallScope scope, PathContext ctx)
    {
        var mine = For(browser, scope, ctx);
        return BrowserInfo.All
            .Where(b => b.Id != browser)
            .Where(b => For(b.Id, scope, ctx).Any(l => mine.Any(m =>
                m.ManifestPath == l.ManifestPath || (m.Registry is not null && m.Registry == l.Registry))))
            .Select(b => b.Id)
            .ToList();
    }

    private static string LinuxConfigFolder(BrowserId browser) => browser switch
    {
        BrowserId.Chromium => "chromium",
        BrowserId.Chrome => "google-chrome",
        BrowserId.Edge => "microsoft-edge",
        BrowserId.Brave => "BraveSoftware/Brave-Browser",
        BrowserId.Vivaldi => "vivaldi",
        _ => throw new ArgumentOutOfRangeException(nameof(browser)),
    };

    private static string MacSupportFolder(BrowserId browser) => browser switch
    {
        BrowserId.Chromium => "Chromium",
        BrowserId.Chrome => "Google/Chrome",
        BrowserId.Edge => "Microsoft Edge",
        BrowserId.Brave => "BraveSoftware/Brave-Browser",
        BrowserId.Vivaldi => "Vivaldi",
        _ => throw new ArgumentOutOfRangeException(nameof(browser)),
    };

    private static IReadOnlyList<ManifestLocation> Linux(BrowserId browser, InstallScope scope, PathContext ctx)
    {
        var os = ctx.Os;
        if (scope == InstallScope.User)
        {
            var dir = browser == BrowserId.Firefox
                ? OsPath.Join(os, ctx.Home, ".mozilla", "native-messaging-hosts")
                : OsPath.Join(os, ctx.ConfigHome, LinuxConfigFolder(browser), "NativeMessagingHosts");
            return [new(OsPath.Join(os, dir, ManifestFileName))];
        }

        if (browser == BrowserId.Firefox)
        {
            return
            [
                new(OsPath.Join(os, ctx.Rooted("/usr/lib/mozilla/native-messaging-hosts"), ManifestFileName)),
                new(OsPath.Join(os, ctx.Rooted("/usr/lib64/mozilla/native-messaging-hosts"), ManifestFileName),
                    OnlyIfDirectoryExists: ctx.Rooted("/usr/lib64")),
            ];
        }

        var system = browser switch
        {
            BrowserId.Chrome => "/etc/opt/chrome/native-messaging-hosts",
            BrowserId.Edge => "/etc/opt/edge/native-messaging-hosts",
            _ => "/etc/chromium/native-messaging-hosts",   // Chromium, Brave, Vivaldi: non-Google builds
        };
        return [new(OsPath.Join(os, ctx.Rooted(system), ManifestFileName))];
    }

    private static IReadOnlyList<ManifestLocation> Mac(BrowserId browser, InstallScope scope, PathContext ctx)
    {
        var os = ctx.Os;
        if (scope == InstallScope.User)
        {
            var folder = browser == BrowserId.Firefox ? "Mozilla" : MacSupportFolder(browser);
            return [new(OsPath.Join(os, ctx.Home, "Library", "Application Support", folder, "NativeMessagingHosts", ManifestFileName))];
        }

        var system = browser switch
        {
            BrowserId.Chrome => "/Library/Google/Chrome/NativeMessagingHosts",
            BrowserId.Edge => "/Library/Microsoft/Edge/NativeMessagingHosts",
            BrowserId.Firefox => "/Library/Application Support/Mozilla/NativeMessagingHosts",
            _ => "/Library/Application Support/Chromium/NativeMessagingHosts",   // Chromium, Brave, Vivaldi
        };
        return [new(OsPath.Join(os, ctx.Rooted(system), ManifestFileName))];
    }

    private static ManifestLocation Windows(BrowserId browser, InstallScope scope, PathContext ctx)
    {
        var (vendorKey, group) = browser switch
        {
            BrowserId.Chromium => (@"Software\Chromium", "chromium"),
            BrowserId.Edge => (@"Software\Microsoft\Edge", "edge"),
            BrowserId.Firefox => (@"Software\Mozilla", "firefox"),
            _ => (@"Software\Google\Chrome", "chrome"),   // Chrome, Brave, Vivaldi read Chrome's key
        };
        var hive = scope == InstallScope.User ? RegistryHive.CurrentUser : RegistryHive.LocalMachine;
        var root = scope == InstallScope.User ? ctx.EffectiveLocalAppData : ctx.EffectiveProgramData;
        // One file per registry key: browsers sharing a key share the file, so removing one never leaves a key dangling.
        var file = OsPath.Join(ctx.Os, root, "SecureLink", group, ManifestFileName);
        return new(file, new RegistryLocation(hive, vendorKey + @"\NativeMessagingHosts\" + HostManifest.Name));
    }
}
