namespace SecureLink.Installer;

/// <summary>
/// Everything the installer reads from or writes to the outside world, injected so tests never touch the real
/// HOME, registry or /etc.
/// </summary>
public sealed class InstallerEnvironment
{
    public required PathContext Paths { get; init; }
    public required IFileSystem Files { get; init; }
    public required IRegistry Registry { get; init; }
    public required IHostProbe HostProbe { get; init; }

    /// <summary>Folder of the installer binary: the first place to look for <c>securelink-host</c> and the templates.</summary>
    public string? InstallerDirectory { get; init; }

    /// <summary>Base for relative <c>--host-path</c> / <c>--profile-dir</c>.</summary>
    public required string WorkingDirectory { get; init; }

    public TargetOs Os => Paths.Os;

    public static TargetOs CurrentOs =>
        OperatingSystem.IsWindows() ? TargetOs.Windows : OperatingSystem.IsMacOS() ? TargetOs.MacOS : TargetOs.Linux;

    /// <summary>The real machine, as this process sees it.</summary>
    public static InstallerEnvironment FromProcess()
    {
        var os = CurrentOs;
        var home = Environment.GetEnvironmentVariable(os == TargetOs.Windows ? "USERPROFILE" : "HOME");
        if (string.IsNullOrEmpty(home)) home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return new InstallerEnvironment
        {
            Paths = new PathContext(
                os,
                home,
                XdgConfigHome: Environment.GetEnvironmentVariable("XDG_CONFIG_HOME"),
                LocalAppData: Environment.GetEnvironmentVariable("LOCALAPPDATA"),
                ProgramData: Environment.GetEnvironmentVariable("ProgramData"),
                RoamingAppData: Environment.GetEnvironmentVariable("APPDATA")),
            Files = new RealFileSystem(),
            Registry = OperatingSystem.IsWindows() ? new WindowsRegistry() : new InMemoryRegistry(),
            HostProbe = new ProcessHostProbe(),
            InstallerDirectory = AppContext.BaseDirectory,
            WorkingDirectory = Directory.GetCurrentDirectory(),
        };
    }
}
