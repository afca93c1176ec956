using System.Text.Json;

namespace SecureLink.Installer;

/// <summary>
/// Checks one installed manifest the way the browser will read it: JSON, name, type, who may start the host,
/// and the host path (absolute, present, executable). Each problem comes with the command that fixes it.
/// </summary>
public sealed class ManifestInspector(InstallerEnvironment env, Func<Target, string?, string> reinstallFix)
{
    /// <summary>The findings, and the host path when the manifest names a usable one (to start it next).</summary>
    public (List<DoctorFinding> Findings, string? HostPath) Inspect(Target target, string manifestPath)
    {
        var findings = new List<DoctorFinding>();
        var label = target.Label;
        void Problem(string code, string message, string fix) =>
            findings.Add(new DoctorFinding(FindingSeverity.Problem, code, label, manifestPath, message, fix));

        string text;
        try
        {
            text = env.Files.ReadAllText(manifestPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Problem(FindingCodes.ManifestUnreadable, $"The manifest cannot be read: {e.Message}", reinstallFix(target, null));
            return (findings, null);
        }

        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            Problem(FindingCodes.ManifestInvalidJson,
                $"The manifest is not valid JSON ({e.Message}), so the browser ignores it.", reinstallFix(target, null));
            return (findings, null);
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                Problem(FindingCodes.ManifestInvalidJson, "The manifest is JSON but not an object, so the browser ignores it.", reinstallFix(target, null));
                return (findings, null);
            }

            var name = StringProperty(root, "name");
            if (name != HostManifest.Name)
            {
                Problem(FindingCodes.WrongName,
                    $"The manifest's \"name\" is {Show(name)}; it must be \"{HostManifest.Name}\" (the name the extension asks for).",
                    reinstallFix(target, null));
            }

            var type = StringProperty(root, "type");
            if (type != "stdio")
            {
                Problem(FindingCodes.WrongType, $"The manifest's \"type\" is {Show(type)}; it must be \"stdio\".", reinstallFix(target, null));
            }

            CheckAllowList(root, target, Problem);
            var hostPath = CheckHostPath(root, target, Problem);
            return (findings, hostPath);
        }
    }

    private void CheckAllowList(JsonElement root, Target target, Action<string, string, string> problem)
    {
        var (property, expected, code) = target.Family == BrowserFamily.Firefox
            ? ("allowed_extensions", HostManifest.FirefoxExtensionId, FindingCodes.WrongAllowedExtensions)
            : ("allowed_origins", HostManifest.ChromiumOrigin, FindingCodes.WrongAllowedOrigins);

        if (!root.TryGetProperty(property, out var list) || list.ValueKind != JsonValueKind.Array)
        {
            var hint = target.Family == BrowserFamily.Firefox
                ? (root.TryGetProperty("allowed_origins", out _) ? " It has \"allowed_origins\": this is a Chromium manifest in Firefox's place." : "")
                : (root.TryGetProperty("allowed_extensions", out _) ? " It has \"allowed_extensions\": this is a Firefox manifest in a Chromium browser's place." : "");
            problem(code, $"The manifest has no \"{property}\" list, so the browser lets no extension start the host.{hint}",
                reinstallFix(target, null));
            return;
        }

        var values = list.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString() : e.GetRawText()).ToList();
        if (values.Count == 1 && values[0] == expected) return;
        var shown = "[" + string.Join(", ", values.Select(v => "\"" + v + "\"")) + "]";
        problem(code,
            values.Contains(expected)
                ? $"\"{property}\" is {shown}: it must hold only \"{expected}\"; any other entry lets another extension start the host."
                : $"\"{property}\" is {shown}: it must be exactly [\"{expected}\"], so the SecureLink extension is refused.",
            reinstallFix(target, null));
    }

    private string? CheckHostPath(JsonElement root, Target target, Action<string, string, string> problem)
    {
        var path = StringProperty(root, "path");
        var os = env.Os;
        if (string.IsNullOrEmpty(path))
        {
            problem(FindingCodes.HostPathMissing, "The manifest has no \"path\" to the host program.", reinstallFix(target, null));
            return null;
        }
        if (!OsPath.IsAbsolute(os, path))
        {
            problem(FindingCodes.HostPathNotAbsolute,
                $"The host path \"{path}\" is not absolute; browsers resolve it differently, so always write the full path.",
                reinstallFix(target, null));
            return null;
        }
        if (path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
        {
            problem(FindingCodes.HostIsDll,
                $"The host path {path} is a .NET assembly; a browser can only start an executable.",
                reinstallFix(target, path[..^4] + (os == TargetOs.Windows ? ".exe" : "")));
            return null;
        }
        if (!env.Files.FileExists(path))
        {
            var found = HostLocator.Locate(null, env).Path;
            problem(FindingCodes.HostMissing,
                // The classic "it worked yesterday" failure (keepassxc#3741): name it as stale and give the current path.
                $"The host {path} does not exist: the manifest is stale (the host was moved, rebuilt elsewhere or removed).",
                found is not null
                    ? reinstallFix(target, found)
                    : reinstallFix(target, "/path/to/" + HostLocator.ExecutableName(os)));
            return null;
        }
        if (!env.Files.IsExecutable(path))
        {
            problem(FindingCodes.HostNotExecutable, $"The host {path} is not executable, so the browser cannot start it.",
                "chmod +x " + HostLocator.Quote(path, os));
            return null;
        }
        return path;
    }

    private static string? StringProperty(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Show(string? value) => value is null ? "missing" : "\"" + value + "\"";
}
