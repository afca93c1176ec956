namespace SecureLink.Installer.Tests;

/// <summary>Real installs into temp folders standing in for HOME and /: files on disk, real chmod.</summary>
public class LinuxInstallTests
{
    [Fact]
    public void Install_for_all_browsers_writes_a_valid_manifest_for_each_with_the_absolute_launcher_path()
    {
        using var box = new LinuxSandbox();
        var (exit, output, error) = box.Run("install", "--host-path", box.HostPath);
        Assert.True(exit == 0, error);
        foreach (var browser in Enum.GetValues<BrowserId>())
        {
            var path = box.UserManifest(browser);
            Assert.StartsWith(box.Home + "/", path);
            var manifest = Json.ParseFile(path);
            Assert.Equal("app.securelink.host", manifest.GetProperty("name").GetString());
            Assert.Equal("stdio", manifest.GetProperty("type").GetString());
            Assert.Equal(LinuxSandbox.LauncherOf(box.HostPath), manifest.GetProperty("path").GetString());
            if (browser == BrowserId.Firefox)
                Assert.Equal(["securelink@securelink.app"], Json.Strings(manifest, "allowed_extensions"));
            else
                Assert.Equal(["chrome-extension://gjcbgdlnkdamllccdgdimmjefdbkckgl/"], Json.Strings(manifest, "allowed_origins"));
            Assert.Contains(path, output);
        }
        Assert.Empty(((InMemoryRegistry)box.Environment.Registry).Values);
    }

    [Fact]
    public void Install_writes_only_the_named_browsers()
    {
        using var box = new LinuxSandbox();
        Assert.Equal(0, box.Run("install", "--browser", "chrome,firefox", "--host-path", box.HostPath).Exit);
        Assert.True(File.Exists(box.UserManifest(BrowserId.Chrome)));
        Assert.True(File.Exists(box.UserManifest(BrowserId.Firefox)));
        Assert.False(File.Exists(box.UserManifest(BrowserId.Chromium)));
        Assert.False(File.Exists(box.UserManifest(BrowserId.Brave)));
    }

    [Fact]
    public void Install_is_idempotent_and_rewrites_a_moved_host_path()
    {
        using var box = new LinuxSandbox();
        Assert.Equal(0, box.Run("install", "--browser", "chromium", "--host-path", box.HostPath).Exit);
        var manifest = box.UserManifest(BrowserId.Chromium);
        var first = File.ReadAllBytes(manifest);
        Assert.Equal(0, box.Run("install", "--browser", "chromium", "--host-path", box.HostPath).Exit);
        Assert.Equal(first, File.ReadAllBytes(manifest));
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(manifest)!));   // no temp files left behind

        var moved = box.WriteHost(box.Sub("moved", "securelink-host"), "echo moved", executable: true);
        Assert.Equal(0, box.Run("install", "--browser", "chromium", "--host-path", moved).Exit);
        Assert.Equal(LinuxSandbox.LauncherOf(moved), Json.ParseFile(manifest).GetProperty("path").GetString());
    }

    [Fact]
    public void Relative_host_path_is_written_as_an_absolute_one()
    {
        using var box = new LinuxSandbox();
        var relative = Path.GetRelativePath(box.Environment.WorkingDirectory, box.HostPath);
        Assert.False(Path.IsPathRooted(relative));
        Assert.Equal(0, box.Run("install", "--browser", "chromium", "--host-path", relative).Exit);
        Assert.Equal(LinuxSandbox.LauncherOf(box.HostPath), Json.ParseFile(box.UserManifest(BrowserId.Chromium)).GetProperty("path").GetString());
    }

    [Fact]
    public void Host_path_may_name_the_folder_that_holds_the_host()
    {
        using var box = new LinuxSandbox();
        Assert.Equal(0, box.Run("install", "--browser", "chromium", "--host-path", Path.GetDirectoryName(box.HostPath)!).Exit);
        Assert.Equal(LinuxSandbox.LauncherOf(box.HostPath), Json.ParseFile(box.UserManifest(BrowserId.Chromium)).GetProperty("path").GetString());
    }

    [Fact]
    public void Install_makes_a_non_executable_host_executable()
    {
        using var box = new LinuxSandbox();
        var host = box.WriteHost(box.Sub("plain", "securelink-host"), "echo x", executable: false);
        var (exit, output, _) = box.Run("install", "--browser", "chromium", "--host-path", host);
        Assert.Equal(0, exit);
        Assert.Contains("executable", output);
        if (!OperatingSystem.IsWindows())
        {
            Assert.True((File.GetUnixFileMode(host) & UnixFileMode.UserExecute) != 0);
            Assert.True((File.GetUnixFileMode(host) & UnixFileMode.GroupExecute) != 0);    // group could read, so it may run it
            Assert.True((File.GetUnixFileMode(host) & UnixFileMode.OtherExecute) == 0);    // others could not read: unchanged
        }
    }

    [Fact]
    public void A_dll_host_is_refused_with_the_apphost_as_the_fix()
    {
        using var box = new LinuxSandbox();
        var dll = box.Sub("bin", "securelink-host.dll");
        File.WriteAllText(dll, "not a program");
        var (exit, _, error) = box.Run("install", "--browser", "chromium", "--host-path", dll);
        Assert.Equal(1, exit);
        Assert.Contains("executable", error);
        Assert.Contains("--host-path " + box.Sub("bin", "securelink-host"), error);
        Assert.False(File.Exists(box.UserManifest(BrowserId.Chromium)));
    }

    [Fact]
    public void A_missing_host_is_an_error_that_says_how_to_fix_it()
    {
        using var box = new LinuxSandbox();
        var (exit, _, error) = box.Run("install", "--browser", "chromium", "--host-path", box.Sub("nowhere", "securelink-host"));
        Assert.Equal(1, exit);
        Assert.Contains("does not exist", error);
        Assert.Contains("dotnet build NativeHost/Host", error);
    }

    [Fact]
    public void Without_host_path_the_host_next_to_the_installer_is_used()
    {
        using var box = new LinuxSandbox();
        var installerDir = box.Sub("release");
        var host = box.WriteHost(Path.Combine(installerDir, "securelink-host"), "echo x", executable: true);
        var env = new InstallerEnvironment
        {
            Paths = box.Environment.Paths, Files = box.Environment.Files, Registry = box.Environment.Registry,
            HostProbe = box.Environment.HostProbe, WorkingDirectory = box.Root, InstallerDirectory = installerDir,
        };
        Assert.Equal(host, HostLocator.Locate(null, env).Path);
        var noHost = new InstallerEnvironment
        {
            Paths = box.Environment.Paths, Files = box.Environment.Files, Registry = box.Environment.Registry,
            HostProbe = box.Environment.HostProbe, WorkingDirectory = box.Root, InstallerDirectory = box.Sub("empty"),
        };
        var lookup = HostLocator.Locate(null, noHost);
        Assert.Null(lookup.Path);
        Assert.Contains("--host-path", lookup.Error);
    }

    [Fact]
    public void Profile_dir_install_writes_into_its_NativeMessagingHosts_folder_only()
    {
        using var box = new LinuxSandbox();
        var profile = box.Sub("profile");
        Assert.Equal(0, box.Run("install", "--profile-dir", profile, "--host-path", box.HostPath).Exit);
        var manifest = Path.Combine(profile, "NativeMessagingHosts", "app.securelink.host.json");
        Assert.Equal(["chrome-extension://gjcbgdlnkdamllccdgdimmjefdbkckgl/"], Json.Strings(Json.ParseFile(manifest), "allowed_origins"));
        Assert.False(Directory.Exists(Path.Combine(box.Home, ".config")));
        Assert.Equal(0, box.Run("uninstall", "--profile-dir", profile).Exit);
        Assert.False(File.Exists(manifest));
    }

    [Fact]
    public void Profile_dir_with_Firefox_is_refused_with_the_reason()
    {
        using var box = new LinuxSandbox();
        var (exit, _, error) = box.Run("install", "--browser", "firefox", "--profile-dir", box.Sub("p"), "--host-path", box.HostPath);
        Assert.Equal(2, exit);
        Assert.Contains("Firefox never reads a manifest from a profile folder", error);
        Assert.Single(error.Trim().Split('\n'));
        Assert.False(Directory.Exists(box.Sub("p")));
    }

    [Fact]
    public void Profile_dir_with_system_scope_is_refused()
    {
        using var box = new LinuxSandbox();
        Assert.Equal(2, box.Run("install", "--scope", "system", "--profile-dir", box.Sub("p"), "--host-path", box.HostPath).Exit);
    }

    [Fact]
    public void System_scope_writes_under_the_system_root_and_lib64_only_where_it_exists()
    {
        using var box = new LinuxSandbox();
        Assert.Equal(0, box.Run("install", "--scope", "system", "--host-path", box.HostPath).Exit);
        Assert.True(File.Exists(box.Sub("root", "etc", "opt", "chrome", "native-messaging-hosts", "app.securelink.host.json")));
        Assert.True(File.Exists(box.Sub("root", "etc", "opt", "edge", "native-messaging-hosts", "app.securelink.host.json")));
        Assert.True(File.Exists(box.Sub("root", "etc", "chromium", "native-messaging-hosts", "app.securelink.host.json")));
        Assert.True(File.Exists(box.Sub("root", "usr", "lib", "mozilla", "native-messaging-hosts", "app.securelink.host.json")));
        Assert.False(Directory.Exists(box.Sub("root", "usr", "lib64")));
        if (!OperatingSystem.IsWindows())
        {
            var mode = File.GetUnixFileMode(box.Sub("root", "etc", "opt", "chrome", "native-messaging-hosts", "app.securelink.host.json"));
            Assert.True((mode & UnixFileMode.OtherRead) != 0, "system manifests must be readable by every user");
        }

        Directory.CreateDirectory(box.Sub("root", "usr", "lib64"));
        Assert.Equal(0, box.Run("install", "--scope", "system", "--browser", "firefox", "--host-path", box.HostPath).Exit);
        Assert.True(File.Exists(box.Sub("root", "usr", "lib64", "mozilla", "native-messaging-hosts", "app.securelink.host.json")));
    }

    [Fact]
    public void Unwritable_system_folder_fails_with_a_sudo_fix_and_the_other_targets_still_get_written()
    {
        using var box = new LinuxSandbox();
        // A file where /etc/opt should be blocks the write for every user, root included (permissions would not stop root).
        Directory.CreateDirectory(box.Sub("root", "etc"));
        File.WriteAllText(box.Sub("root", "etc", "opt"), "in the way");
        var (exit, _, error) = box.Run("install", "--scope", "system", "--browser", "chrome,chromium", "--host-path", box.HostPath);
        Assert.Equal(1, exit);
        Assert.Contains("could not write", error);
        Assert.Contains("fix: system-wide registration needs administrator rights: sudo securelink-installer install --browser chrome --scope system", error);
        Assert.True(File.Exists(box.Sub("root", "etc", "chromium", "native-messaging-hosts", "app.securelink.host.json")));
    }

    [Fact]
    public void Uninstall_removes_what_install_wrote_and_is_idempotent()
    {
        using var box = new LinuxSandbox();
        Assert.Equal(0, box.Run("install", "--host-path", box.HostPath).Exit);
        var (exit, output, _) = box.Run("uninstall");
        Assert.Equal(0, exit);
        foreach (var browser in Enum.GetValues<BrowserId>()) Assert.False(File.Exists(box.UserManifest(browser)));
        Assert.Contains("removed", output);

        var again = box.Run("uninstall");
        Assert.Equal(0, again.Exit);
        Assert.Contains("nothing to remove", again.Out);
        Assert.DoesNotContain("removed", again.Out);
    }

    [Fact]
    public void Uninstalling_one_browser_leaves_the_others()
    {
        using var box = new LinuxSandbox();
        Assert.Equal(0, box.Run("install", "--host-path", box.HostPath).Exit);
        Assert.Equal(0, box.Run("uninstall", "--browser", "edge").Exit);
        Assert.False(File.Exists(box.UserManifest(BrowserId.Edge)));
        Assert.True(File.Exists(box.UserManifest(BrowserId.Chrome)));
        Assert.True(File.Exists(box.UserManifest(BrowserId.Firefox)));
    }

    [Fact]
    public void Uninstalling_a_shared_system_location_says_who_else_loses_it()
    {
        using var box = new LinuxSandbox();
        Assert.Equal(0, box.Run("install", "--scope", "system", "--browser", "chromium", "--host-path", box.HostPath).Exit);
        var (exit, output, _) = box.Run("uninstall", "--scope", "system", "--browser", "brave");
        Assert.Equal(0, exit);
        Assert.Contains("Chromium", output);
        Assert.Contains("gone for them too", output);
    }

    [Fact]
    public void Install_warns_at_once_about_a_sandboxed_browser()
    {
        using var box = new LinuxSandbox();
        Directory.CreateDirectory(Path.Combine(box.SystemRoot, "snap", "chromium"));
        var (exit, output, _) = box.Run("install", "--browser", "chromium", "--host-path", box.HostPath);
        Assert.Equal(0, exit);
        Assert.Contains("warning: Chromium is installed as a Snap", output);
        Assert.Contains("snap remove chromium", output);
    }
}
