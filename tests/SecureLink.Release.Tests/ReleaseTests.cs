using System.Buffers.Binary;
using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace SecureLink.Release.Tests;

/// <summary>
/// What a person downloads works on a machine without .NET: the packaged host answers hello
/// with PATH=/usr/bin:/bin and nothing else, the installer in the same folder registers it into
/// a temp profile through the launcher, the launcher leaves no diagnostics files in TMPDIR
/// (the bare host does: the check can fail), and the .deb and the store packages hold what they must.
/// </summary>
public sealed class ReleaseTests(ReleaseFixture release) : IClassFixture<ReleaseFixture>, IDisposable
{
    private readonly string _temp = Directory.CreateTempSubdirectory("securelink-release-").FullName;

    /// <summary>The release folder unpacked from its .tar.gz by the system tar, as a user would.</summary>
    private string Unpacked()
    {
        var (code, output) = ReleaseFixture.Run("/bin/tar", _temp, null, "-xzf", release.Artifact($"securelink-@V-{ReleaseFixture.Rid}.tar.gz"));
        Assert.True(code == 0, output);
        return Path.Combine(_temp, $"securelink-{release.Version}-{ReleaseFixture.Rid}");
    }

    /// <summary>
    /// What the program gets: no DOTNET_* variable and a PATH that is an empty folder, so no
    /// dotnet can be found (this machine's /usr/bin has one, so env -i PATH=/usr/bin:/bin would not prove it).
    /// </summary>
    private Dictionary<string, string> BareEnvironment(string tmp) => new()
    {
        ["PATH"] = Directory.CreateDirectory(Path.Combine(_temp, "empty-path")).FullName,
        ["HOME"] = Path.Combine(_temp, "home"),
        ["TMPDIR"] = tmp,
    };

    [Fact]
    public void The_release_has_every_artifact_and_their_checksums()
    {
        foreach (var name in new[] { $"securelink-@V-{ReleaseFixture.Rid}.tar.gz", "securelink_@V_amd64.deb", "securelink-@V-chrome.zip", "securelink-@V-firefox.xpi" })
            Assert.True(new FileInfo(release.Artifact(name)).Length > 10_000, name);
        var sums = File.ReadAllText(release.Artifact("SHA256SUMS"));
        Assert.Equal(4, sums.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        var folder = Unpacked();
        Assert.Equal(
            new[] { "INSTALL.txt", "securelink-host", "securelink-host-launcher", "securelink-installer" },
            Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(File.ReadAllText(Path.Combine(release.Root, "manifest-templates", "securelink-host-launcher")),
            File.ReadAllText(Path.Combine(folder, "securelink-host-launcher")));
    }

    [Fact]
    public async Task The_packaged_host_answers_hello_without_any_dotnet_on_path_and_the_launcher_leaves_tmpdir_empty()
    {
        var folder = Unpacked();
        var viaLauncher = Path.Combine(_temp, "tmp-launcher");
        var bare = Path.Combine(_temp, "tmp-bare");
        Directory.CreateDirectory(viaLauncher);
        Directory.CreateDirectory(bare);

        var (hello, seenWithLauncher) = await HelloAsync(Path.Combine(folder, "securelink-host-launcher"), BareEnvironment(viaLauncher), viaLauncher);
        Assert.True(hello.GetProperty("ok").GetBoolean(), hello.ToString());
        Assert.Equal(release.Version, hello.GetProperty("host").GetProperty("version").GetString());
        Assert.Empty(seenWithLauncher);

        // The same host started directly: the runtime's endpoints appear, which is what the launcher is for.
        var (_, seenBare) = await HelloAsync(Path.Combine(folder, "securelink-host"), BareEnvironment(bare), bare);
        Assert.Contains(seenBare, f => f.StartsWith("dotnet-diagnostic-", StringComparison.Ordinal));
    }

    /// <summary>Starts <paramref name="program"/> as a browser would, sends hello, lists <paramref name="tmp"/> while it runs, then closes stdin.</summary>
    private static async Task<(JsonElement Hello, string[] TmpWhileRunning)> HelloAsync(string program, Dictionary<string, string> env, string tmp)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("chrome-extension://gjcbgdlnkdamllccdgdimmjefdbkckgl/");
        info.Environment.Clear();
        foreach (var (k, v) in env) info.Environment[k] = v;
        using var p = Process.Start(info)!;
        var stderr = p.StandardError.ReadToEndAsync();
        var payload = Encoding.UTF8.GetBytes("""{"id":1,"type":"hello","protocol":1}""");
        var header = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(header, (uint)payload.Length);
        await p.StandardInput.BaseStream.WriteAsync(header.Concat(payload).ToArray());
        await p.StandardInput.BaseStream.FlushAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var stdout = p.StandardOutput.BaseStream;
        await stdout.ReadExactlyAsync(header, cts.Token);
        var answer = new byte[BinaryPrimitives.ReadUInt32LittleEndian(header)];
        await stdout.ReadExactlyAsync(answer, cts.Token);
        var seen = Directory.GetFileSystemEntries(tmp).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToArray();
        p.StandardInput.Close();
        Assert.True(p.WaitForExit(10_000), "the host did not exit when stdin closed");
        Assert.True(p.ExitCode == 0, await stderr);
        using var doc = JsonDocument.Parse(answer);
        return (doc.RootElement.Clone(), seen);
    }

    [Fact]
    public void The_installer_from_the_release_folder_registers_the_launcher_into_a_temp_profile_and_doctor_is_happy()
    {
        var folder = Unpacked();
        var profile = Path.Combine(_temp, "profile");
        var env = BareEnvironment(Path.Combine(_temp, "tmp"));
        Directory.CreateDirectory(env["TMPDIR"]);
        Directory.CreateDirectory(env["HOME"]);
        var installer = Path.Combine(folder, "securelink-installer");

        var (code, output) = ReleaseFixture.Run(installer, _temp, env, "install", "--browser", "chromium", "--profile-dir", profile);
        Assert.True(code == 0, output);
        using (var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(profile, "NativeMessagingHosts", "app.securelink.host.json"))))
            Assert.Equal(Path.Combine(folder, "securelink-host-launcher"), manifest.RootElement.GetProperty("path").GetString());

        (code, output) = ReleaseFixture.Run(installer, _temp, env, "doctor", "--browser", "chromium", "--profile-dir", profile);
        Assert.True(code == 0, output);
        Assert.Contains($"starts ({release.Version})", output); // doctor really ran the host through the launcher
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void The_deb_installs_host_installer_and_launcher_under_usr_lib_securelink()
    {
        var deb = release.Artifact("securelink_@V_amd64.deb");
        var (code, fields) = ReleaseFixture.Run("/usr/bin/dpkg-deb", _temp, null, "--field", deb, "Package", "Version", "Architecture");
        Assert.True(code == 0, fields);
        Assert.Contains("Package: securelink", fields);
        Assert.Contains("Version: " + release.Version, fields);
        Assert.Contains("Architecture: amd64", fields);
        var root = Path.Combine(_temp, "debroot");
        (code, var output) = ReleaseFixture.Run("/usr/bin/dpkg-deb", _temp, null, "-x", deb, root);
        Assert.True(code == 0, output);
        foreach (var file in new[] { "securelink-host", "securelink-installer", "securelink-host-launcher" })
            Assert.True(File.GetUnixFileMode(Path.Combine(root, "usr", "lib", "securelink", file)).HasFlag(UnixFileMode.OtherExecute), file);
        Assert.Equal("../lib/securelink/securelink-installer", new FileInfo(Path.Combine(root, "usr", "bin", "securelink-installer")).LinkTarget);
        (code, output) = ReleaseFixture.Run(Path.Combine(root, "usr", "lib", "securelink", "securelink-host-launcher"), _temp,
            BareEnvironment(_temp), "--version");
        Assert.True(code == 0, output);
        Assert.Contains(release.Version, output);
        var control = Path.Combine(_temp, "control");
        (code, output) = ReleaseFixture.Run("/usr/bin/dpkg-deb", _temp, null, "-e", deb, control);
        Assert.True(code == 0, output);
        Assert.Contains("--scope system", File.ReadAllText(Path.Combine(control, "postinst")));
    }

    [Fact]
    public void The_store_packages_hold_the_extension_the_chrome_one_without_its_key()
    {
        using (var zip = ZipFile.OpenRead(release.Artifact("securelink-@V-chrome.zip")))
        {
            using var manifest = JsonDocument.Parse(zip.GetEntry("manifest.json")!.Open());
            Assert.Equal(release.Version, manifest.RootElement.GetProperty("version").GetString());
            Assert.False(manifest.RootElement.TryGetProperty("key", out _)); // the Chrome Web Store refuses it
            Assert.NotNull(zip.GetEntry("popup/popup.html"));
            Assert.NotNull(zip.GetEntry("_locales/en/messages.json"));
            Assert.DoesNotContain(zip.Entries, e => e.FullName.StartsWith("node_modules", StringComparison.Ordinal) || e.FullName.StartsWith("test/", StringComparison.Ordinal));
        }
        using var xpi = ZipFile.OpenRead(release.Artifact("securelink-@V-firefox.xpi"));
        using var ff = JsonDocument.Parse(xpi.GetEntry("manifest.json")!.Open());
        Assert.Equal("securelink@securelink.app", ff.RootElement.GetProperty("browser_specific_settings").GetProperty("gecko").GetProperty("id").GetString());
        Assert.NotNull(xpi.GetEntry("popup/nearby-ui.js"));
    }

    public void Dispose()
    {
        try { Directory.Delete(_temp, recursive: true); } catch (IOException) { }
    }
}
