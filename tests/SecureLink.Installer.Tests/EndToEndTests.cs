using System.Diagnostics;
using System.Text.Json;

namespace SecureLink.Installer.Tests;

/// <summary>
/// The real built installer executable, copied into a temp "release folder" with a host beside it (no repository
/// around it), run as a separate process with HOME pointing at a temp folder.
/// </summary>
public class EndToEndTests
{
    private static string BuiltInstallerDirectory()
    {
        var baseDir = AppContext.BaseDirectory;
        var configuration = baseDir.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
        for (var dir = new DirectoryInfo(baseDir); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "Installer", "bin", configuration, "net10.0");
            if (File.Exists(Path.Combine(dir.FullName, "SecureLink.sln")) && File.Exists(Path.Combine(candidate, "securelink-installer.dll")))
                return candidate;
        }
        return baseDir;   // the referenced project's output is copied here too
    }

    private static void CopyTree(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var dir in Directory.GetDirectories(from)) CopyTree(dir, Path.Combine(to, Path.GetFileName(dir)));
    }

    private static (int Exit, string Out, string Err) Exec(string exe, string home, params string[] args)
    {
        var info = new ProcessStartInfo(exe)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["HOME"] = home;
        info.Environment.Remove("XDG_CONFIG_HOME");
        using var p = Process.Start(info)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            p.Kill(entireProcessTree: true);
            Assert.Fail($"{exe} {string.Join(' ', args)} did not finish within 60 s");
        }
        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    [Fact]
    public void Release_folder_install_profile_dir_then_doctor_then_uninstall()
    {
        if (OperatingSystem.IsWindows()) return;   // the Windows path is covered as logic in WindowsInstallTests
        using var temp = new TempDirectory();
        var release = temp.Sub("release");
        CopyTree(BuiltInstallerDirectory(), release);
        Assert.True(File.Exists(Path.Combine(release, "manifest-templates", "chromium.json")), "templates must ship next to the binary");
        var installer = Path.Combine(release, "securelink-installer");
        File.SetUnixFileMode(installer, File.GetUnixFileMode(installer) | UnixFileMode.UserExecute);
        var host = Path.Combine(release, "securelink-host");
        File.WriteAllText(host, "#!/bin/sh\n[ \"$1\" = --version ] && echo 'securelink-host 0.1.0'\n");
        File.SetUnixFileMode(host, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var home = temp.Sub("home");
        Directory.CreateDirectory(home);
        var profile = temp.Sub("profile");

        var install = Exec(installer, home, "install", "--profile-dir", profile);
        Assert.True(install.Exit == 0, install.Err);
        var manifestPath = Path.Combine(profile, "NativeMessagingHosts", "app.securelink.host.json");
        using (var doc = JsonDocument.Parse(File.ReadAllText(manifestPath)))
        {
            // found next to the installer, absolute, started through the launcher beside it
            Assert.Equal(Path.Combine(release, "securelink-host-launcher"), doc.RootElement.GetProperty("path").GetString());
            Assert.Equal("chrome-extension://gjcbgdlnkdamllccdgdimmjefdbkckgl/",
                doc.RootElement.GetProperty("allowed_origins")[0].GetString());
        }

        var doctor = Exec(installer, home, "doctor", "--profile-dir", profile);
        Assert.True(doctor.Exit == 0, doctor.Out + doctor.Err);
        Assert.Contains("securelink-host 0.1.0", doctor.Out);

        var json = Exec(installer, home, "doctor", "--profile-dir", profile, "--json");
        Assert.Equal(0, json.Exit);
        using (var report = JsonDocument.Parse(json.Out)) Assert.True(report.RootElement.GetProperty("healthy").GetBoolean());

        var uninstall = Exec(installer, home, "uninstall", "--profile-dir", profile);
        Assert.Equal(0, uninstall.Exit);
        Assert.False(File.Exists(manifestPath));

        var after = Exec(installer, home, "doctor", "--profile-dir", profile);
        Assert.Equal(1, after.Exit);
        Assert.Contains("install --profile-dir", after.Out);   // the fix names the installer and the profile

        var bad = Exec(installer, home, "install", "--nope");
        Assert.Equal(2, bad.Exit);
        Assert.Contains("unknown option '--nope'", bad.Err);

        Assert.Empty(Directory.GetFileSystemEntries(home));   // nothing was written into HOME
    }
}
