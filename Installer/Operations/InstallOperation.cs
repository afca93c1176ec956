namespace SecureLink.Installer;

/// <summary>
/// Writes (or rewrites) the manifests and, on Windows, the registry keys for the selected targets.
/// Idempotent: running it again rewrites the same content, so a moved host is picked up by simply re-running it.
/// </summary>
public static class InstallOperation
{
    public static int Run(Selection selection, InstallerEnvironment env, ManifestTemplates templates, TextWriter output, TextWriter error)
    {
        var targets = TargetResolver.Resolve(selection, env);
        var host = HostLocator.Locate(selection.HostPath, env);
        if (host.Path is null)
        {
            error.WriteLine("error: " + host.Error);
            return 1;
        }

        if (env.Os != TargetOs.Windows && !env.Files.IsExecutable(host.Path))
        {
            try
            {
                env.Files.MakeExecutable(host.Path);
                output.WriteLine($"made {host.Path} executable");
            }
            catch (Exception e) when (e is UnauthorizedAccessException or IOException)
            {
                error.WriteLine($"error: {host.Path} is not executable and could not be made so ({e.Message}). Fix: chmod +x {HostLocator.Quote(host.Path, env.Os)}");
                return 1;
            }
        }

        // Linux/macOS: the manifests start the launcher, which turns the runtime's diagnostics endpoints off.
        var started = Launcher.Ensure(host.Path, env, out var launcherWarning);
        if (launcherWarning is not null) output.WriteLine("warning: " + launcherWarning);

        var failures = 0;
        foreach (var target in targets)
        {
            try
            {
                env.Files.WriteAllTextAtomic(target.Location.ManifestPath, templates.Render(target.Family, started));
                if (target.Location.Registry is { } key) env.Registry.SetDefaultValue(key, target.Location.ManifestPath);
                output.WriteLine($"{target.Label}: wrote {target.Location.ManifestPath}" +
                                 (target.Location.Registry is { } k ? $" and {k}" : ""));
            }
            catch (Exception e) when (e is UnauthorizedAccessException or IOException or System.Security.SecurityException)
            {
                failures++;
                var fix = FixCommand.Installer("install", env, target.Browsers.Count == 1 ? target.Browsers : null, target.Scope,
                    target.ProfileDirectory, selection.HostPath is null ? null : host.Path);
                error.WriteLine($"error: {target.Label}: could not write {target.Location.ManifestPath}: {e.Message}");
                error.WriteLine(target.Scope == InstallScope.System
                    ? $"  fix: system-wide registration needs administrator rights: {fix}"
                    : $"  fix: check the folder's owner and permissions, then run: {fix}");
            }
        }

        if (failures == 0) output.WriteLine($"host: {host.Path}" + (started != host.Path ? $" (started through {started})" : ""));
        if (selection.ProfileDirectory is null)
        {
            // Registration succeeds for a sandboxed browser too, but it cannot start the host: say so now, not at first failure.
            foreach (var finding in selection.Browsers.SelectMany(b => SandboxDetector.Check(b, env)))
            {
                output.WriteLine($"warning: {finding.Message}");
                if (finding.Fix is not null) output.WriteLine($"  fix: {finding.Fix}");
            }
        }
        return failures == 0 ? 0 : 1;
    }
}
