namespace SecureLink.Installer;

/// <summary>Builds the exact command a person can paste to fix a problem.</summary>
public static class FixCommand
{
    public static string Installer(string verb, InstallerEnvironment env, IReadOnlyList<BrowserId>? browsers, InstallScope scope,
        string? profileDirectory, string? hostPath)
    {
        var os = env.Os;
        var parts = new List<string>();
        if (scope == InstallScope.System && os != TargetOs.Windows) parts.Add("sudo");
        parts.Add(InstallerCommand(env));
        parts.Add(verb);
        if (profileDirectory is not null)
        {
            parts.Add("--profile-dir");
            parts.Add(HostLocator.Quote(profileDirectory, os));
        }
        else if (browsers is { Count: 1 })
        {
            parts.Add("--browser");
            parts.Add(BrowserInfo.Get(browsers[0]).CliName);
        }
        if (scope == InstallScope.System) parts.Add("--scope system");
        if (hostPath is not null)
        {
            parts.Add("--host-path");
            parts.Add(HostLocator.Quote(hostPath, os));
        }
        return string.Join(' ', parts);
    }

    private static string InstallerCommand(InstallerEnvironment env)
    {
        if (env.InstallerDirectory is null) return "securelink-installer";
        var name = env.Os == TargetOs.Windows ? "securelink-installer.exe" : "securelink-installer";
        var full = OsPath.Join(env.Os, env.InstallerDirectory, name);
        return env.Files.FileExists(full) ? HostLocator.Quote(full, env.Os) : "securelink-installer";
    }
}
