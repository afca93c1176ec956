using System.Diagnostics;

namespace SecureLink.Installer.Tests;

/// <summary>
/// The launcher the manifests start on Linux/macOS: a real sh runs it, it hands the host its
/// arguments and stdin with DOTNET_EnableDiagnostics=0 set, even with an empty PATH, and an
/// unwritable host folder falls back to the host itself with a warning, never a failure.
/// </summary>
public class LauncherTests
{
    [Fact]
    public void The_launcher_starts_the_host_beside_it_with_diagnostics_off_and_the_arguments_and_stdin_passed_on()
    {
        if (OperatingSystem.IsWindows()) return;
        using var box = new LinuxSandbox();
        box.WriteHost(box.HostPath, "read line; echo \"diag=$DOTNET_EnableDiagnostics args=$* in=$line\"", executable: true);
        var (exit, output, error) = box.Run("install", "--browser", "chromium", "--host-path", box.HostPath);
        Assert.True(exit == 0, error);
        var launcher = LinuxSandbox.LauncherOf(box.HostPath);
        Assert.Contains("started through " + launcher, output);
        Assert.Equal(Launcher.Script, File.ReadAllText(launcher));
        Assert.True(File.GetUnixFileMode(launcher).HasFlag(UnixFileMode.UserExecute));

        // As a browser starts it: absolute path, the origin as argument, an environment it chose (here: nearly none).
        var info = new ProcessStartInfo(launcher) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        info.ArgumentList.Add("chrome-extension://gjcbgdlnkdamllccdgdimmjefdbkckgl/");
        info.Environment.Clear();
        using var p = Process.Start(info)!;
        p.StandardInput.WriteLine("frame");
        p.StandardInput.Close();
        Assert.True(p.WaitForExit(10_000));
        Assert.Equal("diag=0 args=chrome-extension://gjcbgdlnkdamllccdgdimmjefdbkckgl/ in=frame", p.StandardOutput.ReadToEnd().Trim());
        Assert.Equal(0, p.ExitCode);
    }

    [Fact]
    public void Doctor_checks_the_host_behind_the_launcher_against_host_path()
    {
        if (OperatingSystem.IsWindows()) return;
        using var box = new LinuxSandbox();
        Assert.Equal(0, box.Run("install", "--browser", "chromium", "--host-path", box.HostPath).Exit);
        var (exit, output, _) = box.Run("doctor", "--browser", "chromium", "--host-path", box.HostPath);
        Assert.True(exit == 0, output);
        Assert.DoesNotContain(FindingCodes.HostPathDiffers, output);
    }

    [Fact]
    public void An_unwritable_host_folder_without_a_launcher_registers_the_host_itself_with_a_warning()
    {
        if (OperatingSystem.IsWindows() || Environment.UserName == "root") return; // root writes anywhere: covered by the in-memory case below
        using var box = new LinuxSandbox();
        var folder = Path.GetDirectoryName(box.HostPath)!;
        File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        try
        {
            var (exit, output, _) = box.Run("install", "--browser", "chromium", "--host-path", box.HostPath);
            Assert.Equal(0, exit);
            Assert.Contains("could not write the launcher", output);
            Assert.Equal(box.HostPath, Json.ParseFile(box.UserManifest(BrowserId.Chromium)).GetProperty("path").GetString());
        }
        finally
        {
            File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    [Fact]
    public void A_failing_write_falls_back_to_the_host_itself()
    {
        var files = new ReadOnlyFiles();
        var env = new InstallerEnvironment
        {
            Paths = new PathContext(TargetOs.Linux, "/home/u"),
            Files = files,
            Registry = new InMemoryRegistry(),
            HostProbe = new ProcessHostProbe(),
            InstallerDirectory = null,
            WorkingDirectory = "/",
        };
        Assert.Equal("/usr/lib/securelink/securelink-host", Launcher.Ensure("/usr/lib/securelink/securelink-host", env, out var warning));
        Assert.Contains("could not write the launcher /usr/lib/securelink/securelink-host-launcher", warning);
        files.Launcher = Launcher.Script;   // the .deb ships it: then it is used as it is
        Assert.Equal("/usr/lib/securelink/securelink-host-launcher", Launcher.Ensure("/usr/lib/securelink/securelink-host", env, out warning));
        Assert.Null(warning);
        Assert.Null(Launcher.PathFor(@"C:\SecureLink\securelink-host.exe", TargetOs.Windows));
    }

    private sealed class ReadOnlyFiles : IFileSystem
    {
        public string? Launcher { get; set; }
        public bool FileExists(string path) => Launcher is not null && path.EndsWith(SecureLink.Installer.Launcher.FileName, StringComparison.Ordinal);
        public bool DirectoryExists(string path) => false;
        public string ReadAllText(string path) => Launcher ?? throw new FileNotFoundException(path);
        public void WriteAllTextAtomic(string path, string text) => throw new UnauthorizedAccessException("read-only file system");
        public bool DeleteFile(string path) => false;
        public bool IsExecutable(string path) => true;
        public void MakeExecutable(string path) => throw new UnauthorizedAccessException("read-only file system");
    }
}
