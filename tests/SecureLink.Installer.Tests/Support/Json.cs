using System.Text.Json;

namespace SecureLink.Installer.Tests;

internal static class Json
{
    public static JsonElement ParseFile(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return doc.RootElement.Clone();
    }

    public static string[] Strings(JsonElement element, string property) =>
        element.GetProperty(property).EnumerateArray().Select(e => e.GetString()!).ToArray();
}
