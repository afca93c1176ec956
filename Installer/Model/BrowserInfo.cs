namespace SecureLink.Installer;

/// <summary>
/// Static facts about one browser: its command-line name, its manifest flavour, and the
/// package ids under which sandboxed (Flatpak / Snap) builds appear on Linux.
/// </summary>
public sealed record BrowserInfo(
    BrowserId Id,
    string CliName,
    string DisplayName,
    BrowserFamily Family,
    string FlatpakId,
    string? SnapName,
    IReadOnlyList<string> NativeLinuxBinaries)
{
    /// <summary>Every browser, in the order they are listed to people.</summary>
    public static IReadOnlyList<BrowserInfo> All { get; } =
    [
        new(BrowserId.Chromium, "chromium", "Chromium", BrowserFamily.Chromium, "org.chromium.Chromium", "chromium",
            ["/usr/bin/chromium", "/usr/lib/chromium/chromium"]),
        new(BrowserId.Chrome, "chrome", "Google Chrome", BrowserFamily.Chromium, "com.google.Chrome", null,
            ["/opt/google/chrome/chrome"]),
        new(BrowserId.Edge, "edge", "Microsoft Edge", BrowserFamily.Chromium, "com.microsoft.Edge", null,
            ["/opt/microsoft/msedge/msedge"]),
        new(BrowserId.Brave, "brave", "Brave", BrowserFamily.Chromium, "com.brave.Browser", "brave",
            ["/opt/brave.com/brave/brave"]),
        new(BrowserId.Vivaldi, "vivaldi", "Vivaldi", BrowserFamily.Chromium, "com.vivaldi.Vivaldi", "vivaldi",
            ["/opt/vivaldi/vivaldi"]),
        // Ubuntu's /usr/bin/firefox is a shim that starts the snap, so it is deliberately not listed.
        new(BrowserId.Firefox, "firefox", "Firefox", BrowserFamily.Firefox, "org.mozilla.firefox", "firefox",
            ["/usr/lib/firefox/firefox", "/usr/lib/firefox-esr/firefox-esr", "/opt/firefox/firefox"]),
    ];

    public static BrowserInfo Get(BrowserId id) => All.First(b => b.Id == id);

    public static BrowserInfo? FindByCliName(string name) =>
        All.FirstOrDefault(b => string.Equals(b.CliName, name, StringComparison.OrdinalIgnoreCase));
}
