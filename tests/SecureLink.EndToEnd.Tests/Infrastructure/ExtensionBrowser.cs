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

    /// <summary>
    /// The X display (e.g. ":97") to run Chromium on, visibly, instead of headless; null when the
    /// tests run headless, as they always do in the test command. Only tools/screenshots.sh sets
    /// it, with a private Xvfb: a system notification has no pixels without a screen.
    /// </summary>
    public static string? Display => Environment.GetEnvironmentVariable("SECURELINK_E2E_DISPLAY") is { Length: > 0 } d ? d : null;

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
                + "InterestFeedContentSuggestions,PrivacySandboxSettings4,HttpsUpgrades,"
                // Chromium's own notification pop-ups rather than the desktop's (D-Bus) service,
                // so that on a bare X display (tools/screenshots.sh) a notification is drawn.
                + "NativeNotifications,SystemNotifications",
        };
        if (Environment.IsPrivilegedProcess) args.Insert(0, "--no-sandbox");
        return args;
    }

    /// <param name="registerHost">run <c>securelink-installer install</c> for the profile first</param>
    /// <param name="ct">cancels the registration</param>
    /// <param name="hostPath">register this program instead of the built host</param>
    /// <param name="locale">the browser's UI language (e.g. "ar"), which chrome.i18n follows; null for the default (English)</param>
    /// <param name="environment">extra environment variables for the browser, which passes them on to the host it starts (e.g. SECURELINK_AUDIO_IN)</param>
    public static async Task<ExtensionBrowser> LaunchAsync(bool registerHost, CancellationToken ct, string? hostPath = null, string? locale = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var userDataDir = Directory.CreateTempSubdirectory("securelink-e2e-").FullName;
        try
        {
            if (registerHost) await HostRegistration.InstallAsync(userDataDir, ct, hostPath);
            var playwright = await Playwright.CreateAsync();
            try
            {
                var args = LaunchArgs(RepositoryPaths.ChromiumDist);
                // --lang picks the UI locale; on Linux Chromium reads it from LANGUAGE too.
                if (locale is not null) args = [.. args, $"--lang={locale}"];
                var context = await playwright.Chromium.LaunchPersistentContextAsync(userDataDir, new()
                {
                    ExecutablePath = RepositoryPaths.ChromiumPath,
                    Headless = Display is null,
                    Args = args,
                    Locale = locale,
                    // Playwright's Env replaces the whole environment, so ours is copied in first.
                    Env = locale is null && environment is null && Display is null ? null : BrowserEnvironment(locale, environment),
                    // Playwright's defaults include --disable-extensions, which would win over ours.
                    IgnoreDefaultArgs = ["--disable-extensions"],
                    ViewportSize = new() { Width = 360, Height = 520 },
                    Timeout = 60_000,
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

    /// <summary>This process's environment with the UI language set (Playwright's Env replaces the whole environment).</summary>
    private static Dictionary<string, string> BrowserEnvironment(string? locale, IReadOnlyDictionary<string, string>? extra)
    {
        var env = new Dictionary<string, string>();
        foreach (System.Collections.DictionaryEntry e in Environment.GetEnvironmentVariables())
            env[(string)e.Key] = (string?)e.Value ?? "";
        if (locale is not null)
        {
            env["LANGUAGE"] = locale;
            env["LC_ALL"] = "C.UTF-8";
        }
        if (Display is { } display) env["DISPLAY"] = display;
        foreach (var (name, value) in extra ?? new Dictionary<string, string>()) env[name] = value;
        return env;
    }

    /// <summary>
    /// Evaluates a JavaScript expression in the extension's background service worker and returns
    /// its JSON value. This Playwright has no service-worker API for persistent contexts, so it goes
    /// through the DevTools protocol from a page: attach to the worker's target, send Runtime.evaluate.
    /// </summary>
    public async Task<System.Text.Json.JsonElement> EvaluateInBackgroundAsync(IPage page, string expression)
    {
        var cdp = await Context.NewCDPSessionAsync(page);
        try
        {
            var targets = await cdp.SendAsync("Target.getTargets");
            var worker = targets!.Value.GetProperty("targetInfos").EnumerateArray().FirstOrDefault(t =>
                t.GetProperty("type").GetString() == "service_worker"
                && t.GetProperty("url").GetString()!.StartsWith($"chrome-extension://{RepositoryPaths.ExtensionId}/", StringComparison.Ordinal));
            if (worker.ValueKind == System.Text.Json.JsonValueKind.Undefined) throw new InvalidOperationException("no background service worker is running");
            var attached = await cdp.SendAsync("Target.attachToTarget", new() { ["targetId"] = worker.GetProperty("targetId").GetString()!, ["flatten"] = false });
            var sessionId = attached!.Value.GetProperty("sessionId").GetString()!;
            var reply = new TaskCompletionSource<System.Text.Json.JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
            cdp.Event("Target.receivedMessageFromTarget").OnEvent += (_, e) =>
            {
                if (e is not { } m || m.GetProperty("sessionId").GetString() != sessionId) return;
                var message = System.Text.Json.JsonDocument.Parse(m.GetProperty("message").GetString()!).RootElement;
                if (message.TryGetProperty("id", out var id) && id.GetInt32() == 1) reply.TrySetResult(message.Clone());
            };
            var evaluate = System.Text.Json.JsonSerializer.Serialize(new
            {
                id = 1, method = "Runtime.evaluate",
                @params = new { expression, awaitPromise = true, returnByValue = true },
            });
            await cdp.SendAsync("Target.sendMessageToTarget", new() { ["sessionId"] = sessionId, ["message"] = evaluate });
            var result = await reply.Task.WaitAsync(TimeSpan.FromSeconds(15));
            if (result.TryGetProperty("error", out var error) || result.GetProperty("result").TryGetProperty("exceptionDetails", out error))
                throw new InvalidOperationException($"background evaluation failed: {error}");
            var value = result.GetProperty("result").GetProperty("result");
            return value.TryGetProperty("value", out var v) ? v.Clone() : default;
        }
        finally
        {
            await cdp.DetachAsync();
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

    private static void TryDelete(string dir)
    {
        try { Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
