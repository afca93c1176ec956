using Microsoft.Playwright;

namespace SecureLink.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Debian's Chromium with the built extension loaded into a fresh, throw-away
/// profile (a --user-data-dir), optionally with the host registered there by
/// the real installer. Disposing closes the browser, which closes the native
/// port, which makes the host exit; then the profile is deleted.
/// </summary>
public sealed class ExtensionBrowser : IAsyncDisposable
{
    private readonly IPlaywright _playwright;

    private ExtensionBrowser(IPlaywright playwright, IBrowserContext context, string userDataDir)
    {
        _playwright = playwright;
        Context = context;
        UserDataDir = userDataDir;
    }

    public IBrowserContext Context { get; }
    public string UserDataDir { get; }

    /// <summary>Chromium honours only the last --disable-features, so every feature is in this one list.</summary>
    public static IReadOnlyList<string> LaunchArgs(string extensionDir)
    {
        var args = new List<string>
        {
            $"--disable-extensions-except={extensionDir}",
            $"--load-extension={extensionDir}",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--no-first-run", "--no-default-browser-check", "--disable-gpu", "--disable-quic",
            "--disable-features=DisableLoadExtensionCommandLineSwitch,Translate,MediaRouter,DialMediaRouteProvider,"
                + "OptimizationHints,AutofillServerCommunication,CertificateTransparencyComponentUpdater,"
                + "InterestFeedContentSuggestions,PrivacySandboxSettings4,HttpsUpgrades",
        };
        if (Environment.IsPrivilegedProcess) args.Insert(0, "--no-sandbox");
        return args;
    }

    /// <param name="registerHost">run <c>securelink-installer install</c> for the profile first</param>
    /// <param name="ct">cancels the registration</param>
    /// <param name="hostPath">register this program instead of the built host</param>
    /// <param name="environment">extra environment variables for the browser, which passes them on to the host it starts (e.g. SECURELINK_AUDIO_IN)</param>
    public static async Task<ExtensionBrowser> LaunchAsync(bool registerHost, CancellationToken ct, string? hostPath = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var userDataDir = Directory.CreateTempSubdirectory("securelink-e2e-").FullName;
        try
        {
            if (registerHost) await HostRegistration.InstallAsync(userDataDir, ct, hostPath);
            var playwright = await Playwright.CreateAsync();
            try
            {
                var context = await playwright.Chromium.LaunchPersistentContextAsync(userDataDir, new()
                {
                    ExecutablePath = RepositoryPaths.ChromiumPath,
                    Headless = true,
                    Args = LaunchArgs(RepositoryPaths.ChromiumDist),
                    // Playwright's defaults include --disable-extensions, which would win over ours.
                    IgnoreDefaultArgs = ["--disable-extensions"],
                    ViewportSize = new() { Width = 360, Height = 520 },
                    Timeout = 60_000,
                    // Playwright's Env replaces the whole environment, so ours is copied in first.
                    Env = environment is null ? null : WithEnvironment(environment),
                });
                return new ExtensionBrowser(playwright, context, userDataDir);
            }
            catch
            {
                playwright.Dispose();
                throw;
            }
        }
        catch
        {
            TryDelete(userDataDir);
            throw;
        }
    }

    /// <summary>Opens the popup page in a tab, as a person's click on the toolbar button would load it.</summary>
    public async Task<PopupPage> OpenPopupAsync(ColorScheme colorScheme = ColorScheme.Light)
    {
        var page = await Context.NewPageAsync();
        await page.EmulateMediaAsync(new() { ColorScheme = colorScheme });
        var errors = new List<string>();
        page.PageError += (_, message) => { lock (errors) errors.Add(message); };
        page.Console += (_, message) => { if (message.Type is "error" or "warning") lock (errors) errors.Add($"{message.Type}: {message.Text}"); };
        await page.GotoAsync(RepositoryPaths.PopupUrl);
        return new PopupPage(page, errors);
    }

    public async ValueTask DisposeAsync()
    {
        try { await Context.CloseAsync(); }
        finally
        {
            _playwright.Dispose();
            TryDelete(UserDataDir);
        }
    }

    private static Dictionary<string, string> WithEnvironment(IReadOnlyDictionary<string, string> extra)
    {
        var env = new Dictionary<string, string>();
        foreach (System.Collections.DictionaryEntry e in Environment.GetEnvironmentVariables())
            env[(string)e.Key] = (string?)e.Value ?? "";
        foreach (var (name, value) in extra) env[name] = value;
        return env;
    }

    private static void TryDelete(string dir)
    {
        try { Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
