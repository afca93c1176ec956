namespace SecureLink.Installer;

/// <summary>
/// Everything the path table depends on, passed in so the table is a pure function
/// (tests compute every OS's paths without touching the machine).
/// </summary>
/// <param name="Os">Whose conventions to follow.</param>
/// <param name="Home">The user's home directory.</param>
/// <param name="XdgConfigHome">Linux: <c>$XDG_CONFIG_HOME</c> if set; Chromium-family browsers honour it.</param>
/// <param name="LocalAppData">Windows: <c>%LOCALAPPDATA%</c>; defaults to <c>Home\AppData\Local</c>.</param>
/// <param name="RoamingAppData">Windows: <c>%APPDATA%</c> (Firefox keeps profiles.ini there); defaults to <c>Home\AppData\Roaming</c>.</param>
/// <param name="ProgramData">Windows: <c>%ProgramData%</c>, for system-scope manifest files; defaults to <c>C:\ProgramData</c>.</param>
/// <param name="SystemRoot">Unix: the root that absolute system paths hang from, "/" in real use, a temp folder in tests.</param>
public sealed record PathContext(
    TargetOs Os,
    string Home,
    string? XdgConfigHome = null,
    string? LocalAppData = null,
    string? ProgramData = null,
    string SystemRoot = "/",
    string? RoamingAppData = null)
{
    public string ConfigHome =>
        !string.IsNullOrEmpty(XdgConfigHome) && OsPath.IsAbsolute(Os, XdgConfigHome) ? XdgConfigHome : OsPath.Join(Os, Home, ".config");

    public string EffectiveLocalAppData => string.IsNullOrEmpty(LocalAppData) ? OsPath.Join(Os, Home, "AppData", "Local") : LocalAppData;

    public string EffectiveRoamingAppData => string.IsNullOrEmpty(RoamingAppData) ? OsPath.Join(Os, Home, "AppData", "Roaming") : RoamingAppData;

    public string EffectiveProgramData => string.IsNullOrEmpty(ProgramData) ? @"C:\ProgramData" : ProgramData;

    /// <summary>An absolute system path ("/etc/...") placed under <see cref="SystemRoot"/>.</summary>
    public string Rooted(string absoluteUnixPath) => OsPath.Join(Os, SystemRoot, absoluteUnixPath);
}
