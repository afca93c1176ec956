namespace SecureLink.Installer;

/// <summary>
/// One manifest location to write, remove or check, with the browsers that read it
/// (several when a location is shared, e.g. /etc/chromium for Chromium, Brave and Vivaldi).
/// </summary>
public sealed record Target(
    IReadOnlyList<BrowserId> Browsers,
    BrowserFamily Family,
    InstallScope Scope,
    ManifestLocation Location,
    string? ProfileDirectory)
{
    public string Label => ProfileDirectory is not null
        ? $"profile {ProfileDirectory}"
        : string.Join(", ", Browsers.Select(b => BrowserInfo.Get(b).DisplayName)) + (Scope == InstallScope.System ? " (system)" : " (user)");
}

/// <summary>Turns a <see cref="Selection"/> into concrete <see cref="Target"/>s for this machine.</summary>
public static class TargetResolver
{
    public static IReadOnlyList<Target> Resolve(Selection selection, InstallerEnvironment env)
    {
        if (selection.ProfileDirectory is not null) return [ResolveProfile(selection, env)];

        var targets = new List<Target>();
        foreach (var browser in selection.Browsers)
        {
            var family = BrowserInfo.Get(browser).Family;
            foreach (var location in ManifestLocations.For(browser, selection.Scope, env.Paths))
            {
                if (location.OnlyIfDirectoryExists is { } required && !env.Files.DirectoryExists(required)) continue;
                var existing = targets.FindIndex(t => t.Location.ManifestPath == location.ManifestPath);
                if (existing >= 0)
                {
                    targets[existing] = targets[existing] with { Browsers = [.. targets[existing].Browsers, browser] };
                }
                else
                {
                    targets.Add(new Target([browser], family, selection.Scope, location, null));
                }
            }
        }
        return targets;
    }

    private static Target ResolveProfile(Selection selection, InstallerEnvironment env)
    {
        if (selection.BrowsersExplicit && selection.Browsers.Contains(BrowserId.Firefox))
        {
            throw new UsageException(
                "--profile-dir is for Chromium-family browsers (--user-data-dir); Firefox never reads a manifest from a profile folder. " +
                "Run without --profile-dir to register for Firefox per user.");
        }
        if (selection.Scope == InstallScope.System)
        {
            throw new UsageException("--profile-dir and --scope system do not go together: a profile folder belongs to one user.");
        }
        if (env.Os == TargetOs.Windows)
        {
            throw new UsageException(
                "On Windows, Chromium-family browsers find native hosts only through the registry, never in a profile folder; " +
                "run without --profile-dir.");
        }
        var dir = OsPath.IsAbsolute(env.Os, selection.ProfileDirectory!)
            ? selection.ProfileDirectory!
            : Path.GetFullPath(selection.ProfileDirectory!, env.WorkingDirectory);
        var browsers = selection.BrowsersExplicit ? selection.Browsers : [BrowserId.Chromium];
        return new Target(browsers, BrowserFamily.Chromium, InstallScope.User, ManifestLocations.ForProfileDirectory(dir, env.Os), dir);
    }
}
