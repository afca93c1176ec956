using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SecureLink.Installer;

/// <summary>
/// Loads <c>manifest-templates/{chromium,firefox}.json</c> (next to the installer binary, else the copy embedded in it)
/// and fills in the host path.
/// </summary>
public sealed class ManifestTemplates
{
    private readonly string _chromium;
    private readonly string _firefox;

    private ManifestTemplates(string chromium, string firefox)
    {
        _chromium = chromium;
        _firefox = firefox;
    }

    /// <summary>Templates from <paramref name="directory"/>, falling back per file to the embedded copy.</summary>
    public static ManifestTemplates Load(string? directory)
    {
        return new ManifestTemplates(Read(directory, "chromium.json"), Read(directory, "firefox.json"));
    }

    public static ManifestTemplates Embedded() => Load(null);

    /// <summary>The manifest text for <paramref name="family"/> with <c>path</c> set to <paramref name="hostPath"/>.</summary>
    public string Render(BrowserFamily family, string hostPath)
    {
        var template = family == BrowserFamily.Firefox ? _firefox : _chromium;
        // Set the value through the JSON model, not by text replacement, so Windows backslashes and quotes are escaped.
        var node = JsonNode.Parse(template)?.AsObject()
                   ?? throw new InvalidDataException("The manifest template is not a JSON object.");
        if (node["path"]?.GetValue<string>() != HostManifest.HostPathPlaceholder)
            throw new InvalidDataException($"The manifest template has no \"path\": \"{HostManifest.HostPathPlaceholder}\" placeholder.");
        node["path"] = hostPath;
        return node.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    private static string Read(string? directory, string fileName)
    {
        if (directory is not null)
        {
            var file = Path.Combine(directory, fileName);
            if (File.Exists(file)) return File.ReadAllText(file);
        }
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("manifest-templates/" + fileName)
                           ?? throw new InvalidOperationException($"Embedded template {fileName} is missing from the installer build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
