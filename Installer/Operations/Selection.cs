namespace SecureLink.Installer;

/// <summary>What the person asked for on the command line (shared by install, uninstall and doctor).</summary>
/// <param name="Browsers">The chosen browsers; every browser when none was named.</param>
/// <param name="BrowsersExplicit">False when <c>--browser</c> was not given (doctor then checks only browsers in use).</param>
/// <param name="Scope">User or system registration.</param>
/// <param name="ProfileDirectory">A dedicated Chromium-family profile (<c>--user-data-dir</c>) instead of the browsers' own places.</param>
/// <param name="HostPath">The host executable as given on the command line, if any.</param>
public sealed record Selection(
    IReadOnlyList<BrowserId> Browsers,
    bool BrowsersExplicit,
    InstallScope Scope,
    string? ProfileDirectory,
    string? HostPath)
{
    public static Selection Default { get; } = new(BrowserInfo.All.Select(b => b.Id).ToList(), false, InstallScope.User, null, null);
}

/// <summary>A request that cannot be carried out as asked (exit code 2, one line on stderr).</summary>
public sealed class UsageException(string message) : Exception(message);
