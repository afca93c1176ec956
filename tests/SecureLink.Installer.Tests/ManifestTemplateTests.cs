using System.Text.Json;

namespace SecureLink.Installer.Tests;

public class ManifestTemplateTests
{
    [Fact]
    public void Chromium_manifest_allows_exactly_our_extension_origin()
    {
        var text = ManifestTemplates.Embedded().Render(BrowserFamily.Chromium, "/opt/securelink/securelink-host");
        using var doc = JsonDocument.Parse(text);
        var root = doc.RootElement;
        Assert.Equal("app.securelink.host", root.GetProperty("name").GetString());
        Assert.Equal("stdio", root.GetProperty("type").GetString());
        Assert.Equal("/opt/securelink/securelink-host", root.GetProperty("path").GetString());
        Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("description").GetString()));
        Assert.Equal(["chrome-extension://gjcbgdlnkdamllccdgdimmjefdbkckgl/"],
            root.GetProperty("allowed_origins").EnumerateArray().Select(e => e.GetString()));
        Assert.False(root.TryGetProperty("allowed_extensions", out _));
    }

    [Fact]
    public void Firefox_manifest_allows_exactly_our_add_on_id()
    {
        var text = ManifestTemplates.Embedded().Render(BrowserFamily.Firefox, "/opt/securelink/securelink-host");
        using var doc = JsonDocument.Parse(text);
        var root = doc.RootElement;
        Assert.Equal("app.securelink.host", root.GetProperty("name").GetString());
        Assert.Equal(["securelink@securelink.app"], root.GetProperty("allowed_extensions").EnumerateArray().Select(e => e.GetString()));
        Assert.False(root.TryGetProperty("allowed_origins", out _));
    }

    [Fact]
    public void Windows_paths_and_quotes_are_JSON_escaped_not_pasted()
    {
        var path = @"C:\Program Files\Secure""Link\securelink-host.exe";
        var text = ManifestTemplates.Embedded().Render(BrowserFamily.Chromium, path);
        using var doc = JsonDocument.Parse(text);
        Assert.Equal(path, doc.RootElement.GetProperty("path").GetString());
    }

    [Fact]
    public void Templates_are_copied_next_to_the_binary_and_match_the_repository_and_embedded_copies()
    {
        // The test project references the installer, so its content lands in our output folder too.
        var dir = Path.Combine(AppContext.BaseDirectory, "manifest-templates");
        Assert.True(File.Exists(Path.Combine(dir, "chromium.json")), dir);
        Assert.True(File.Exists(Path.Combine(dir, "firefox.json")), dir);
        foreach (var family in Enum.GetValues<BrowserFamily>())
        {
            Assert.Equal(ManifestTemplates.Embedded().Render(family, "/x"), ManifestTemplates.Load(dir).Render(family, "/x"));
        }
    }

    [Fact]
    public void A_template_without_the_placeholder_is_refused()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.Sub("chromium.json"), """{"name":"app.securelink.host","path":"/fixed","type":"stdio","allowed_origins":[]}""");
        var templates = ManifestTemplates.Load(temp.Path);
        Assert.Throws<InvalidDataException>(() => templates.Render(BrowserFamily.Chromium, "/x"));
        // The Firefox one falls back to the embedded copy, which is fine.
        Assert.Contains("/x", templates.Render(BrowserFamily.Firefox, "/x"));
    }
}
