namespace SecureLink.EndToEnd.Tests.Infrastructure;

/// <summary>Where things are in the work tree and next to this test assembly.</summary>
public static class RepositoryPaths
{
    /// <summary>Fixed by the manifest key; see Extension/extension-id.txt.</summary>
    public const string ExtensionId = "gjcbgdlnkdamllccdgdimmjefdbkckgl";

    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>The folder holding SecureLink.sln, found by walking up from the test assembly.</summary>
    public static string Root { get; } = FindRoot();

    public static string Extension => Path.Combine(Root, "Extension");
    public static string ChromiumDist => Path.Combine(Extension, "dist", "chromium");
    public static string FirefoxDist => Path.Combine(Extension, "dist", "firefox");

    /// <summary>The host apphost copied next to this assembly by the project reference.</summary>
    public static string HostExecutable => Path.Combine(AppContext.BaseDirectory, "securelink-host");

    /// <summary>The installer apphost copied next to this assembly by the project reference.</summary>
    public static string InstallerExecutable => Path.Combine(AppContext.BaseDirectory, "securelink-installer");

    public static string PopupUrl => $"chrome-extension://{ExtensionId}/popup/popup.html";

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "SecureLink.sln"))) return dir.FullName;
        throw new InvalidOperationException($"SecureLink.sln not found above {AppContext.BaseDirectory}");
    }
}
