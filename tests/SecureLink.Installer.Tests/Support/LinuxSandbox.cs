using System.Text;

namespace SecureLink.Installer.Tests;

/// <summary>
/// A Linux machine in a temp folder: HOME, a system root (for /etc, /usr/lib, /snap, /var/lib/flatpak) and a fake
/// host program (a real shell script that answers --version), driven through the real file system and real processes.
/// </summary>
public sealed class LinuxSandbox : IDisposable
{
    private readonly TempDirectory _dir = new();

    public LinuxSandbox()
    {
        Home = _dir.Sub("home");
        SystemRoot = _dir.Sub("root");
        Directory.CreateDirectory(Home);
        Directory.CreateDirectory(SystemRoot);
        HostPath = WriteHost(_dir.Sub("bin", "securelink-host"), "echo 'securelink-host 0.1.0'", executable: true);
        Environment = new InstallerEnvironment
        {
            Paths = new PathContext(TargetOs.Linux, Home, SystemRoot: SystemRoot),
            Files = new RealFileSystem(),
            Registry = new InMemoryRegistry(),
            HostProbe = new ProcessHostProbe(),
            InstallerDirectory = null,
            WorkingDirectory = _dir.Path,
        };
    }

    public string Root => _dir.Path;
    public string Home { get; }
    public string SystemRoot { get; }
    public string HostPath { get; }
    public InstallerEnvironment Environment { get; }

    public string Sub(params string[] parts) => _dir.Sub(parts);

    /// <summary>What the manifests start for <paramref name="hostPath"/>: the launcher beside it.</summary>
    public static string LauncherOf(string hostPath) => System.IO.Path.Combine(System.IO.Path.GetDirectoryName(hostPath)!, Launcher.FileName);

    /// <summary>A shell script host; <paramref name="body"/> runs for every invocation.</summary>
    public string WriteHost(string path, string body, bool executable)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        if (OperatingSystem.IsWindows()) return path;
        File.SetUnixFileMode(path, executable
            ? UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute
            : UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        return path;
    }

    public (int Exit, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = CliApp.Run(args, Environment, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    public string UserManifest(BrowserId browser) =>
        ManifestLocations.For(browser, InstallScope.User, Environment.Paths).Single().ManifestPath;

    public void Dispose() => _dir.Dispose();
}
