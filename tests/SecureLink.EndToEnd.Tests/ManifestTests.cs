using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using SecureLink.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SecureLink.EndToEnd.Tests;

/// <summary>
/// What the extension may do is fixed by its manifests: these tests hold both
/// builds to the minimum (no content scripts, no host permissions, only
/// nativeMessaging, a strict CSP) and to the ids the installer registers.
/// </summary>
[Collection(ExtensionCollection.Name)]
public sealed partial class ManifestTests(ITestOutputHelper output)
{
    private const string ExpectedCsp = "script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

    private static JsonElement Load(string path) => JsonDocument.Parse(File.ReadAllText(path)).RootElement;

    [Theory]
    [InlineData("chromium")]
    [InlineData("firefox")]
    public void Manifest_asks_for_nothing_beyond_native_messaging(string build)
    {
        var manifest = Load(Path.Combine(RepositoryPaths.Extension, "dist", build, "manifest.json"));
        Assert.Equal(3, manifest.GetProperty("manifest_version").GetInt32());
        Assert.False(manifest.TryGetProperty("content_scripts", out _), "no content scripts");
        Assert.False(manifest.TryGetProperty("host_permissions", out _), "no host permissions");
        Assert.False(manifest.TryGetProperty("optional_permissions", out _), "no optional permissions");
        Assert.False(manifest.TryGetProperty("optional_host_permissions", out _), "no optional host permissions");
        Assert.False(manifest.TryGetProperty("web_accessible_resources", out _), "no page can load our files");
        Assert.False(manifest.TryGetProperty("externally_connectable", out _), "no web page or extension may message us");
        Assert.Equal(["nativeMessaging", "storage", "notifications"], manifest.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(ExpectedCsp, manifest.GetProperty("content_security_policy").GetProperty("extension_pages").GetString());
        Assert.Equal("en", manifest.GetProperty("default_locale").GetString());
        Assert.Equal("popup/popup.html", manifest.GetProperty("action").GetProperty("default_popup").GetString());
        foreach (var icon in manifest.GetProperty("icons").EnumerateObject())
            Assert.True(File.Exists(Path.Combine(RepositoryPaths.Extension, "dist", build, icon.Value.GetString()!)), $"icon {icon.Value}");
    }

    [Fact]
    public void Chromium_manifest_key_yields_the_extension_id_the_installer_allows()
    {
        var manifest = Load(Path.Combine(RepositoryPaths.ChromiumDist, "manifest.json"));
        var key = Convert.FromBase64String(manifest.GetProperty("key").GetString()!);
        // Chromium's id: the first 128 bits of SHA-256(public key), each hex digit 0-f written as a-p.
        var id = string.Concat(SHA256.HashData(key).Take(16).Select(b => $"{(char)('a' + (b >> 4))}{(char)('a' + (b & 15))}"));
        Assert.Equal(RepositoryPaths.ExtensionId, id);
        Assert.Equal(RepositoryPaths.ExtensionId, File.ReadAllText(Path.Combine(RepositoryPaths.Extension, "extension-id.txt")).Trim());
        var background = manifest.GetProperty("background");
        Assert.Equal("background/service-worker.js", background.GetProperty("service_worker").GetString());
        Assert.Equal("module", background.GetProperty("type").GetString());
        Assert.True(manifest.TryGetProperty("minimum_chrome_version", out _));
        // The dist copy is the source manifest as it is.
        Assert.Equal(File.ReadAllText(Path.Combine(RepositoryPaths.Extension, "manifest.json")),
            File.ReadAllText(Path.Combine(RepositoryPaths.ChromiumDist, "manifest.json")));
    }

    [Fact]
    public void Firefox_manifest_uses_the_gecko_id_and_a_module_background_script()
    {
        var manifest = Load(Path.Combine(RepositoryPaths.FirefoxDist, "manifest.json"));
        Assert.Equal("securelink@securelink.app", manifest.GetProperty("browser_specific_settings").GetProperty("gecko").GetProperty("id").GetString());
        Assert.False(manifest.TryGetProperty("key", out _));
        Assert.False(manifest.TryGetProperty("minimum_chrome_version", out _));
        var background = manifest.GetProperty("background");
        Assert.False(background.TryGetProperty("service_worker", out _));
        Assert.Equal(["background/service-worker.js"], background.GetProperty("scripts").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal("module", background.GetProperty("type").GetString());
    }

    [Fact]
    public void Every_string_the_code_asks_for_is_in_the_english_messages()
    {
        var messages = Load(Path.Combine(RepositoryPaths.Extension, "_locales", "en", "messages.json"))
            .EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in ExtensionSources("*.html"))
            foreach (Match m in I18nAttribute().Matches(File.ReadAllText(file))) used.Add(m.Groups[1].Value);
        foreach (var file in ExtensionSources("*.js"))
            foreach (Match m in I18nCall().Matches(File.ReadAllText(file))) used.Add(m.Groups[1].Value);
        foreach (Match m in ManifestMessage().Matches(File.ReadAllText(Path.Combine(RepositoryPaths.Extension, "manifest.json")))) used.Add(m.Groups[1].Value);
        Assert.True(used.Count > 10, $"found only {used.Count} message uses; the scan is broken");
        var missing = used.Where(k => !messages.Contains(k)).ToList();
        Assert.True(missing.Count == 0, "not in _locales/en/messages.json: " + string.Join(", ", missing));
    }

    [Fact]
    public void No_extension_code_parses_strings_as_html()
    {
        // Host and peer text must only ever reach the page as textContent.
        var offenders = ExtensionSources("*.js")
            .Where(f => HtmlSink().IsMatch(File.ReadAllText(f)))
            .Select(f => Path.GetRelativePath(RepositoryPaths.Extension, f)).ToList();
        Assert.Empty(offenders);
    }

    [Fact(Timeout = 180_000)]
    public async Task Firefox_build_passes_web_ext_lint()
    {
        var webExt = Path.Combine(RepositoryPaths.Extension, "node_modules", "web-ext", "bin", "web-ext.js");
        var node = new[] { "/usr/bin/node", "/usr/local/bin/node" }.FirstOrDefault(File.Exists);
        if (node is null)
        {
            output.WriteLine("SKIPPED: node is not installed, so web-ext cannot run (apt-get install nodejs)");
            return;
        }
        Assert.True(File.Exists(webExt), $"web-ext missing: run `npm ci` in Extension/ (Extension/build.sh does it when npm is there)");
        var result = await ProcessRunner.RunAsync(node,
            [webExt, "lint", "--source-dir", RepositoryPaths.FirefoxDist, "--output", "json", "--no-config-discovery"],
            RepositoryPaths.Extension, TimeSpan.FromMinutes(2), CancellationToken.None);
        output.WriteLine(result.StandardOutput);
        using var report = JsonDocument.Parse(result.StandardOutput);
        var errors = report.RootElement.GetProperty("errors").EnumerateArray().Select(e => e.ToString()).ToList();
        Assert.True(errors.Count == 0, "web-ext lint errors:\n" + string.Join("\n", errors));
        Assert.Equal(0, result.ExitCode);
    }

    private static IEnumerable<string> ExtensionSources(string pattern) =>
        new[] { "background", "lib", "popup" }
            .SelectMany(d => Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Extension, d), pattern, SearchOption.AllDirectories));

    [GeneratedRegex("""data-i18n(?:-title|-aria-label)?="([A-Za-z0-9_]+)""")]
    private static partial Regex I18nAttribute();

    [GeneratedRegex("""(?:\bt\(|messageKey: |\]: )'([A-Za-z0-9_]+)'""")]
    private static partial Regex I18nCall();

    [GeneratedRegex("""__MSG_([A-Za-z0-9_]+)__""")]
    private static partial Regex ManifestMessage();

    [GeneratedRegex("""\.(innerHTML|outerHTML)\b|insertAdjacentHTML|document\.write|\beval\(|new Function\(""")]
    private static partial Regex HtmlSink();
}
