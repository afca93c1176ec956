namespace SecureLink.Installer;

/// <summary>
/// Diagnoses what stops a browser from starting the host: missing or broken manifests, stale or non-executable host
/// paths, wrong allow-lists, Windows registry keys, sandboxed (Flatpak / Snap) browsers, and a host that will not start.
/// </summary>
public static class DoctorOperation
{
    public static readonly TimeSpan HostStartTimeout = TimeSpan.FromSeconds(10);

    public static IReadOnlyList<DoctorFinding> Diagnose(Selection selection, InstallerEnvironment env)
    {
        var findings = new List<DoctorFinding>();
        var targets = TargetResolver.Resolve(selection, env);
        var inspector = new ManifestInspector(env, (target, hostPath) => Reinstall(target, env, hostPath));
        var probed = new Dictionary<string, HostProbeResult>(StringComparer.Ordinal);
        var anyManifest = false;
        var anyInUse = false;
        // With --host-path, doctor also checks that every manifest points at that host (e.g. after a rebuild elsewhere).
        var expectedHost = selection.HostPath is null ? null : HostLocator.Locate(selection.HostPath, env).Path ?? selection.HostPath;

        foreach (var target in targets)
        {
            var inUse = selection.BrowsersExplicit || selection.ProfileDirectory is not null ||
                        target.Browsers.Any(b => env.Files.FileExists(ManifestLocations.InUseMarker(b, env.Paths)));
            anyInUse |= inUse;

            var manifestPath = target.Location.ManifestPath;
            var registered = false;   // a registry key exists: a missing file behind it is a broken registration, in use or not
            if (target.Location.Registry is { } key)
            {
                var value = env.Registry.GetDefaultValue(key);
                if (value is null)
                {
                    if (inUse || env.Files.FileExists(manifestPath))
                    {
                        findings.Add(new DoctorFinding(FindingSeverity.Problem, FindingCodes.RegistryKeyMissing, target.Label, key.ToString(),
                            $"The registry key {key} is missing, so the browser cannot find the host.", Reinstall(target, env, null)));
                    }
                    continue;
                }
                anyManifest = true;
                registered = true;
                if (!string.Equals(value, manifestPath, StringComparison.OrdinalIgnoreCase))
                {
                    findings.Add(new DoctorFinding(FindingSeverity.Warning, FindingCodes.RegistryPointsElsewhere, target.Label, key.ToString(),
                        $"The registry key points to {value}, not to the manifest this installer writes; checking that file, since it is what the browser reads.",
                        Reinstall(target, env, null)));
                    manifestPath = value;
                }
            }

            if (!env.Files.FileExists(manifestPath))
            {
                if (inUse || registered)
                {
                    findings.Add(new DoctorFinding(FindingSeverity.Problem, FindingCodes.ManifestMissing, target.Label, manifestPath,
                        $"No host manifest at {manifestPath}, so the browser reports \"Specified native messaging host not found\".",
                        Reinstall(target, env, null)));
                }
                continue;
            }
            anyManifest = true;

            var (manifestFindings, hostPath) = inspector.Inspect(target, manifestPath);
            findings.AddRange(manifestFindings);
            if (hostPath is null) continue;
            if (expectedHost is not null && !string.Equals(Launcher.HostBehind(hostPath, env.Os), expectedHost, env.Os == TargetOs.Windows ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal))
            {
                var problem = new DoctorFinding(FindingSeverity.Problem, FindingCodes.HostPathDiffers, target.Label, manifestPath,
                    $"The manifest starts {hostPath}, not the host you named ({expectedHost}).", Reinstall(target, env, expectedHost));
                findings.Add(problem);
                manifestFindings = [.. manifestFindings, problem];
            }

            if (!probed.TryGetValue(hostPath, out var probe))
            {
                probe = env.HostProbe.Probe(hostPath, HostStartTimeout);
                probed[hostPath] = probe;
            }
            if (!probe.Succeeded)
            {
                var why = !probe.Started ? $"could not be started ({probe.Error})"
                    : probe.ExitCode is null ? probe.Error ?? "it hung"
                    : $"exited with code {probe.ExitCode}" + (probe.Error is null ? "" : $": {FirstLine(probe.Error)}");
                findings.Add(new DoctorFinding(FindingSeverity.Problem, FindingCodes.HostFailedToStart, target.Label, hostPath,
                    $"The host {hostPath} --version {why}.",
                    $"Run {HostLocator.Quote(hostPath, env.Os)} --version to see the error; rebuild (dotnet build NativeHost/Host), then: {Reinstall(target, env, null)}"));
            }
            else if (manifestFindings.Count == 0)
            {
                findings.Add(new DoctorFinding(FindingSeverity.Ok, FindingCodes.Ok, target.Label, manifestPath,
                    $"manifest is correct; host {hostPath} starts ({FirstLine(probe.Output)})"));
            }
        }

        if (selection.ProfileDirectory is null)
        {
            foreach (var browser in selection.Browsers) findings.AddRange(SandboxDetector.Check(browser, env));
        }

        if (!selection.BrowsersExplicit && selection.ProfileDirectory is null && !anyManifest && !anyInUse)
        {
            findings.Add(new DoctorFinding(FindingSeverity.Problem, FindingCodes.NotInstalled, "SecureLink", null,
                selection.Scope == InstallScope.System
                    ? "SecureLink is not registered system-wide with any browser."
                    : "SecureLink is not registered with any browser for this user, and no supported browser profile was found.",
                FixCommand.Installer("install", env, null, selection.Scope, null, null)));
        }
        return findings;
    }

    private static string Reinstall(Target target, InstallerEnvironment env, string? hostPath) =>
        FixCommand.Installer("install", env, target.Browsers.Count == 1 ? target.Browsers : null, target.Scope, target.ProfileDirectory, hostPath);

    private static string FirstLine(string text)
    {
        var line = text.Split('\n', 2)[0].Trim();
        return line.Length == 0 ? "no output" : line;
    }
}
