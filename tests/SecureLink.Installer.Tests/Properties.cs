using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace SecureLink.Installer.Tests;

/// <summary>Properties over arbitrary input: manifests always carry the exact path; doctor never crashes on garbage.</summary>
public class Properties
{
    private sealed class OkProbe : IHostProbe
    {
        public HostProbeResult Probe(string hostPath, TimeSpan timeout) => new(true, 0, "securelink-host 0.1.0", null);
    }

    [Property(MaxTest = 500)]
    public bool Rendered_manifest_holds_exactly_the_given_path(NonNull<string> path, bool firefox)
    {
        var text = ManifestTemplates.Embedded().Render(firefox ? BrowserFamily.Firefox : BrowserFamily.Chromium, path.Get);
        using var doc = JsonDocument.Parse(text);
        return doc.RootElement.GetProperty("path").GetString() == path.Get
               && doc.RootElement.GetProperty("name").GetString() == HostManifest.Name
               && doc.RootElement.GetProperty(firefox ? "allowed_extensions" : "allowed_origins").GetArrayLength() == 1;
    }

    private static readonly string[] Pieces =
    [
        "{", "}", "[", "]", ",", ":", "\"", "\"name\"", "\"app.securelink.host\"", "\"path\"", "\"/opt/h\"", "\"type\"",
        "\"stdio\"", "\"allowed_origins\"", "\"chrome-extension://gjcbgdlnkdamllccdgdimmjefdbkckgl/\"", "null", "1", "true", " ", "\\",
    ];

    [Property(MaxTest = 1000)]
    public Property Doctor_never_crashes_and_never_calls_garbage_healthy()
    {
        var garbage = Gen.Elements(Pieces).ListOf().Select(parts => string.Concat(parts));
        // Well-formed manifests with each field right, wrong or missing: healthy exactly when all are right.
        var fields =
            from name in Gen.Elements("\"name\":\"app.securelink.host\"", "\"name\":\"app.other\"", "", "\"name\":1")
            from type in Gen.Elements("\"type\":\"stdio\"", "\"type\":\"pipe\"", "")
            from path in Gen.Elements("\"path\":\"/opt/h\"", "\"path\":\"opt/h\"", "\"path\":\"/missing\"", "")
            from origins in Gen.Elements(
                "\"allowed_origins\":[\"chrome-extension://gjcbgdlnkdamllccdgdimmjefdbkckgl/\"]",
                "\"allowed_origins\":[\"chrome-extension://gjcbgdlnkdamllccdgdimmjefdbkckgl/\",\"x\"]",
                "\"allowed_origins\":\"chrome-extension://gjcbgdlnkdamllccdgdimmjefdbkckgl/\"",
                "\"allowed_extensions\":[\"securelink@securelink.app\"]", "")
            select "{" + string.Join(",", new[] { name, type, path, origins }.Where(f => f.Length > 0)) + "}";
        var gen = Gen.OneOf(garbage, fields);
        return Prop.ForAll(gen.ToArbitrary(), text =>
        {
            var files = new InMemoryFileSystem(TargetOs.Linux);
            files.AddFile("/opt/h", "#!/bin/sh", executable: true);
            var env = new InstallerEnvironment
            {
                Paths = new PathContext(TargetOs.Linux, "/home/p"),
                Files = files, Registry = new InMemoryRegistry(), HostProbe = new OkProbe(), WorkingDirectory = "/",
            };
            var manifest = ManifestLocations.For(BrowserId.Chromium, InstallScope.User, env.Paths)[0].ManifestPath;
            files.AddFile(manifest, text);
            var findings = DoctorOperation.Diagnose(CliParser.Parse(["doctor", "--browser", "chromium"]).Selection, env);
            var valid = IsExactlyOurManifest(text);
            return findings.Count > 0 && DoctorReport.IsHealthy(findings) == valid;
        });
    }

    // An independent statement of "correct": parse with the JSON library and compare field by field.
    private static bool IsExactlyOurManifest(string text)
    {
        try
        {
            using var doc = JsonDocument.Parse(text);
            var r = doc.RootElement;
            return r.ValueKind == JsonValueKind.Object
                   && r.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String && n.GetString() == HostManifest.Name
                   && r.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String && t.GetString() == "stdio"
                   && r.TryGetProperty("path", out var p) && p.ValueKind == JsonValueKind.String && p.GetString() == "/opt/h"
                   && r.TryGetProperty("allowed_origins", out var o) && o.ValueKind == JsonValueKind.Array && o.GetArrayLength() == 1
                   && o[0].ValueKind == JsonValueKind.String && o[0].GetString() == HostManifest.ChromiumOrigin;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    [Property(MaxTest = 500)]
    public bool Joined_paths_stay_absolute_and_end_with_the_last_piece(bool windows, NonEmptyString piece)
    {
        var os = windows ? TargetOs.Windows : TargetOs.Linux;
        var clean = new string(piece.Get.Where(c => c is not '/' and not '\\').ToArray());
        if (clean.Length == 0) return true;
        var joined = OsPath.Join(os, windows ? @"C:\base" : "/base", "mid", clean);
        return OsPath.IsAbsolute(os, joined) && OsPath.FileName(os, joined) == clean
               && OsPath.Directory(os, joined) == OsPath.Join(os, windows ? @"C:\base" : "/base", "mid");
    }
}
