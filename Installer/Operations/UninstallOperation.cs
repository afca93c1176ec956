namespace SecureLink.Installer;

/// <summary>Removes the manifests (and registry keys) that install would write. Idempotent: nothing there is fine.</summary>
public static class UninstallOperation
{
    public static int Run(Selection selection, InstallerEnvironment env, TextWriter output, TextWriter error)
    {
        var targets = TargetResolver.Resolve(selection, env);
        var failures = 0;
        foreach (var target in targets)
        {
            try
            {
                var removed = new List<string>();
                if (env.Files.DeleteFile(target.Location.ManifestPath)) removed.Add(target.Location.ManifestPath);
                if (target.Location.Registry is { } key && env.Registry.DeleteKey(key)) removed.Add(key.ToString());
                output.WriteLine(removed.Count == 0
                    ? $"{target.Label}: nothing to remove"
                    : $"{target.Label}: removed {string.Join(" and ", removed)}");
                if (removed.Count > 0 && target.ProfileDirectory is null) NoteShared(target, selection, env, output);
            }
            catch (Exception e) when (e is UnauthorizedAccessException or IOException or System.Security.SecurityException)
            {
                failures++;
                error.WriteLine($"error: {target.Label}: could not remove {target.Location.ManifestPath}: {e.Message}");
                if (target.Scope == InstallScope.System)
                {
                    error.WriteLine("  fix: system-wide registration needs administrator rights: " +
                                    FixCommand.Installer("uninstall", env, null, target.Scope, null, null));
                }
            }
        }
        return failures == 0 ? 0 : 1;
    }

    // Shared locations (Brave and Vivaldi read Chrome's key on Windows, Chromium's folder on Linux) are removed for all readers.
    private static void NoteShared(Target target, Selection selection, InstallerEnvironment env, TextWriter output)
    {
        var others = target.Browsers
            .SelectMany(b => ManifestLocations.SharedWith(b, target.Scope, env.Paths))
            .Distinct()
            .Where(b => !selection.Browsers.Contains(b))
            .Select(b => BrowserInfo.Get(b).DisplayName)
            .ToList();
        if (others.Count > 0) output.WriteLine($"  note: {string.Join(", ", others)} read the same location, so it is gone for them too.");
    }
}
