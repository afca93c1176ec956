namespace SecureLink.EndToEnd.Tests.Infrastructure;

/// <summary>Registers the built host for one Chromium profile with the real installer.</summary>
public static class HostRegistration
{
    /// <summary>Where the installer writes the manifest for a dedicated --user-data-dir profile.</summary>
    public static string ManifestPath(string userDataDir) =>
        Path.Combine(userDataDir, "NativeMessagingHosts", "app.securelink.host.json");

    /// <param name="userDataDir">the Chromium profile (--user-data-dir)</param>
    /// <param name="ct">cancels the installer run</param>
    /// <param name="hostPath">the program to register; the built securelink-host unless a test wants another</param>
    public static async Task InstallAsync(string userDataDir, CancellationToken ct, string? hostPath = null)
    {
        hostPath ??= RepositoryPaths.HostExecutable;
        Assert.True(File.Exists(RepositoryPaths.InstallerExecutable), $"installer not built at {RepositoryPaths.InstallerExecutable}");
        Assert.True(File.Exists(hostPath), $"host not built at {hostPath}");
        var result = await ProcessRunner.RunAsync(RepositoryPaths.InstallerExecutable,
            ["install", "--browser", "chromium", "--profile-dir", userDataDir, "--host-path", hostPath],
            AppContext.BaseDirectory, TimeSpan.FromSeconds(60), ct);
        Assert.True(result.ExitCode == 0, $"securelink-installer install failed: {result}");
        Assert.True(File.Exists(ManifestPath(userDataDir)),
            $"securelink-installer install exited 0 but wrote no {ManifestPath(userDataDir)}: {result}");
    }
}
