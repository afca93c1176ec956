using System.Text.Json;
using System.Text.Json.Nodes;

namespace SecureLink.Installer;

/// <summary>Renders doctor findings for people (text) or scripts and tests (<c>--json</c>).</summary>
public static class DoctorReport
{
    public static bool IsHealthy(IReadOnlyList<DoctorFinding> findings) => findings.All(f => f.Severity != FindingSeverity.Problem);

    public static void WriteText(IReadOnlyList<DoctorFinding> findings, TextWriter output)
    {
        foreach (var f in findings)
        {
            var tag = f.Severity switch { FindingSeverity.Ok => "ok", FindingSeverity.Warning => "WARNING", _ => "PROBLEM" };
            output.WriteLine($"{tag} [{f.Subject}] {f.Message}");
            if (f.Location is not null && f.Severity != FindingSeverity.Ok) output.WriteLine($"  at:  {f.Location}");
            if (f.Fix is not null) output.WriteLine($"  fix: {f.Fix}");
        }
        var problems = findings.Count(f => f.Severity == FindingSeverity.Problem);
        var warnings = findings.Count(f => f.Severity == FindingSeverity.Warning);
        output.WriteLine(problems == 0
            ? $"healthy{(warnings > 0 ? $" ({warnings} warning{(warnings == 1 ? "" : "s")})" : "")}"
            : $"{problems} problem{(problems == 1 ? "" : "s")} found");
    }

    public static void WriteJson(IReadOnlyList<DoctorFinding> findings, TextWriter output)
    {
        var list = new JsonArray();
        foreach (var f in findings)
        {
            list.Add(new JsonObject
            {
                ["severity"] = f.Severity.ToString().ToLowerInvariant(),
                ["code"] = f.Code,
                ["subject"] = f.Subject,
                ["location"] = f.Location,
                ["message"] = f.Message,
                ["fix"] = f.Fix,
            });
        }
        var root = new JsonObject { ["healthy"] = IsHealthy(findings), ["findings"] = list };
        output.WriteLine(root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }
}
