using System.Text.Json;

namespace SecureLink.Installer.Tests;

/// <summary>Doctor against real files in a temp HOME and root: each problem people actually hit, and a healthy install.</summary>
public class DoctorTests
{
    private static List<DoctorFinding> Doctor(LinuxSandbox box, params string[] args)
    {
        var parsed = CliParser.Parse(["doctor", .. args]);
        return DoctorOperation.Diagnose(parsed.Selection, box.Environment).ToList();
    }

    private static DoctorFinding Problem(IEnumerable<DoctorFinding> findings, string code) =>
        Assert.Single(findings, f => f.Code == code && f.Severity == FindingSeverity.Problem);

    private static void WriteManifest(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private static string ChromiumManifest(string hostPath, string origins = "[\"chrome-extension://gjcbgdlnkdamllccdgdimmjefdbkckgl/\"]",
        string name = "app.securelink.host") =>
        $$"""{"name":"{{name}}","description":"d","path":{{JsonSerializer.Serialize(hostPath)}},"type":"stdio","allowed_origins":{{origins}}}""";

    [Fact]
    public void Healthy_after_a_good_install_and_the_host_was_started()
    {
        using var box = new LinuxSandbox();
        var marker = box.Sub("started");
        var host = box.WriteHost(box.Sub("bin2", "securelink-host"), $"[ \"$1\" = --version ] && touch '{marker}'; echo 'securelink-host 0.1.0'", true);
        Assert.Equal(0, box.Run("install", "--host-path", host).Exit);
        var (exit, output, _) = box.Run("doctor", "--browser", "all");
        Assert.True(exit == 0, output);
        Assert.Contains("healthy", output);
        Assert.True(File.Exists(marker), "doctor must really start the host with --version");
        var findings = Doctor(box, "--browser", "all");
        Assert.Equal(6, findings.Count(f => f.Severity == FindingSeverity.Ok));
        Assert.DoesNotContain(findings, f => f.Severity != FindingSeverity.Ok);
    }

    [Fact]
    public void Missing_manifest_is_a_problem_with_the_install_command_as_fix()
    {
        using var box = new LinuxSandbox();
        var f = Problem(Doctor(box, "--browser", "chrome"), FindingCodes.ManifestMissing);
        Assert.Equal(box.UserManifest(BrowserId.Chrome), f.Location);
        Assert.Equal("securelink-installer install --browser chrome", f.Fix);
        Assert.Equal(1, box.Run("doctor", "--browser", "chrome").Exit);
    }

    [Fact]
    public void Invalid_json_is_named()
    {
        using var box = new LinuxSandbox();
        WriteManifest(box.UserManifest(BrowserId.Chromium), "{ \"name\": \"app.securelink.host\", ");
        var f = Problem(Doctor(box, "--browser", "chromium"), FindingCodes.ManifestInvalidJson);
        Assert.Contains("not valid JSON", f.Message);
        Assert.Equal("securelink-installer install --browser chromium", f.Fix);
    }

    [Fact]
    public void Stale_host_path_is_named_as_stale()
    {
        using var box = new LinuxSandbox();
        WriteManifest(box.UserManifest(BrowserId.Chromium), ChromiumManifest(box.Sub("old-place", "securelink-host")));
        var f = Problem(Doctor(box, "--browser", "chromium"), FindingCodes.HostMissing);
        Assert.Contains("stale", f.Message);
        Assert.Contains("--host-path", f.Fix);
    }

    [Fact]
    public void Non_executable_host_gets_a_chmod_fix()
    {
        using var box = new LinuxSandbox();
        var host = box.WriteHost(box.Sub("noexec", "securelink-host"), "echo x", executable: false);
        WriteManifest(box.UserManifest(BrowserId.Chromium), ChromiumManifest(host));
        var f = Problem(Doctor(box, "--browser", "chromium"), FindingCodes.HostNotExecutable);
        Assert.Equal("chmod +x " + host, f.Fix);
    }

    [Fact]
    public void Relative_host_path_and_dll_host_path_are_problems()
    {
        using var box = new LinuxSandbox();
        WriteManifest(box.UserManifest(BrowserId.Chromium), ChromiumManifest("bin/securelink-host"));
        Problem(Doctor(box, "--browser", "chromium"), FindingCodes.HostPathNotAbsolute);

        var dll = box.Sub("bin", "securelink-host.dll");
        File.WriteAllText(dll, "x");
        WriteManifest(box.UserManifest(BrowserId.Chromium), ChromiumManifest(dll));
        var f = Problem(Doctor(box, "--browser", "chromium"), FindingCodes.HostIsDll);
        Assert.Contains("--host-path " + box.Sub("bin", "securelink-host"), f.Fix);
    }

    [Theory]
    [InlineData("[\"chrome-extension://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/\"]", "so the SecureLink extension is refused")]
    [InlineData("[\"chrome-extension://gjcbgdlnkdamllccdgdimmjefdbkckgl/\",\"chrome-extension://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/\"]", "lets another extension start the host")]
    [InlineData("[\"chrome-extension://gjcbgdlnkdamllccdgdimmjefdbkckgl\"]", "so the SecureLink extension is refused")]
    [InlineData("[]", "so the SecureLink extension is refused")]
    public void Wrong_allowed_origins_are_problems(string origins, string expected)
    {
        using var box = new LinuxSandbox();
        WriteManifest(box.UserManifest(BrowserId.Brave), ChromiumManifest(box.HostPath, origins));
        var f = Problem(Doctor(box, "--browser", "brave"), FindingCodes.WrongAllowedOrigins);
        Assert.Contains(expected, f.Message);
    }

    [Fact]
    public void A_Firefox_manifest_in_a_Chromium_place_and_the_reverse_are_spotted()
    {
        using var box = new LinuxSandbox();
        var firefoxText = ManifestTemplates.Embedded().Render(BrowserFamily.Firefox, box.HostPath);
        WriteManifest(box.UserManifest(BrowserId.Chrome), firefoxText);
        Assert.Contains("Firefox manifest", Problem(Doctor(box, "--browser", "chrome"), FindingCodes.WrongAllowedOrigins).Message);

        WriteManifest(box.UserManifest(BrowserId.Firefox), ChromiumManifest(box.HostPath));
        Assert.Contains("Chromium manifest", Problem(Doctor(box, "--browser", "firefox"), FindingCodes.WrongAllowedExtensions).Message);
    }

    [Fact]
    public void Wrong_allowed_extensions_for_Firefox_is_a_problem()
    {
        using var box = new LinuxSandbox();
        WriteManifest(box.UserManifest(BrowserId.Firefox),
            $$"""{"name":"app.securelink.host","description":"d","path":"{{box.HostPath}}","type":"stdio","allowed_extensions":["other@example.org"]}""");
        Problem(Doctor(box, "--browser", "firefox"), FindingCodes.WrongAllowedExtensions);
    }

    [Fact]
    public void Wrong_name_and_type_are_problems()
    {
        using var box = new LinuxSandbox();
        WriteManifest(box.UserManifest(BrowserId.Chromium), ChromiumManifest(box.HostPath, name: "app.securelink.other").Replace("\"stdio\"", "\"pipe\""));
        var findings = Doctor(box, "--browser", "chromium");
        Problem(findings, FindingCodes.WrongName);
        Problem(findings, FindingCodes.WrongType);
    }

    [Fact]
    public void A_host_that_fails_to_start_is_reported_with_its_error()
    {
        using var box = new LinuxSandbox();
        var host = box.WriteHost(box.Sub("broken", "securelink-host"), "echo 'missing libfoo.so' >&2; exit 3", executable: true);
        Assert.Equal(0, box.Run("install", "--browser", "chromium", "--host-path", host).Exit);
        var f = Problem(Doctor(box, "--browser", "chromium"), FindingCodes.HostFailedToStart);
        Assert.Contains("exited with code 3", f.Message);
        Assert.Contains("missing libfoo.so", f.Message);
        Assert.Contains("--version", f.Fix);
    }

    [Theory]
    [InlineData("var/lib/flatpak/app/org.chromium.Chromium", BrowserId.Chromium)]
    [InlineData("var/lib/flatpak/app/com.google.Chrome", BrowserId.Chrome)]
    [InlineData("var/lib/flatpak/app/com.brave.Browser", BrowserId.Brave)]
    [InlineData("var/lib/flatpak/app/com.microsoft.Edge", BrowserId.Edge)]
    [InlineData("var/lib/flatpak/app/org.mozilla.firefox", BrowserId.Firefox)]
    public void System_Flatpak_browsers_are_named_as_sandboxed(string flatpakDir, BrowserId browser)
    {
        using var box = new LinuxSandbox();
        Assert.Equal(0, box.Run("install", "--host-path", box.HostPath).Exit);
        Directory.CreateDirectory(Path.Combine(box.SystemRoot, flatpakDir));
        var f = Problem(Doctor(box, "--browser", BrowserInfo.Get(browser).CliName), FindingCodes.Flatpak);
        Assert.Contains("sandbox", f.Message);
        Assert.Contains("flatpak uninstall", f.Fix);
    }

    [Fact]
    public void Per_user_Flatpak_is_found_too()
    {
        using var box = new LinuxSandbox();
        Directory.CreateDirectory(Path.Combine(box.Home, ".local/share/flatpak/app/org.chromium.Chromium"));
        Problem(Doctor(box, "--browser", "chromium"), FindingCodes.Flatpak);
    }

    [Fact]
    public void Flatpak_next_to_a_regular_install_is_only_a_warning()
    {
        using var box = new LinuxSandbox();
        Assert.Equal(0, box.Run("install", "--browser", "chromium", "--host-path", box.HostPath).Exit);
        Directory.CreateDirectory(Path.Combine(box.SystemRoot, "var/lib/flatpak/app/org.chromium.Chromium"));
        Directory.CreateDirectory(Path.Combine(box.SystemRoot, "usr/bin"));
        File.WriteAllText(Path.Combine(box.SystemRoot, "usr/bin/chromium"), "");
        var findings = Doctor(box, "--browser", "chromium");
        var f = Assert.Single(findings, x => x.Code == FindingCodes.Flatpak);
        Assert.Equal(FindingSeverity.Warning, f.Severity);
        Assert.Contains("regular", f.Message);
        Assert.Equal(0, box.Run("doctor", "--browser", "chromium").Exit);
    }

    [Fact]
    public void Snap_Chromium_is_a_problem_and_Snap_Firefox_a_warning_about_the_portal()
    {
        using var box = new LinuxSandbox();
        Assert.Equal(0, box.Run("install", "--host-path", box.HostPath).Exit);
        Directory.CreateDirectory(Path.Combine(box.SystemRoot, "snap", "chromium"));
        Directory.CreateDirectory(Path.Combine(box.SystemRoot, "snap", "firefox"));
        var findings = Doctor(box, "--browser", "chromium,firefox");
        var chromium = Problem(findings, FindingCodes.Snap);
        Assert.Contains("snap remove chromium", chromium.Fix);
        var firefox = Assert.Single(findings, f => f.Code == FindingCodes.Snap && f.Severity == FindingSeverity.Warning);
        Assert.Contains("portal", firefox.Message);
        Assert.Equal(1, box.Run("doctor", "--browser", "chromium").Exit);
        Assert.Equal(0, box.Run("doctor", "--browser", "firefox").Exit);
    }

    [Fact]
    public void Without_browser_doctor_checks_only_browsers_in_use()
    {
        using var box = new LinuxSandbox();
        var nothing = Doctor(box);
        Assert.Equal(FindingCodes.NotInstalled, Assert.Single(nothing).Code);

        // Folders alone (left behind by an uninstall, say) do not make a browser "in use".
        Assert.Equal(0, box.Run("install", "--host-path", box.HostPath).Exit);
        Assert.Equal(0, box.Run("uninstall").Exit);
        Assert.Equal(FindingCodes.NotInstalled, Assert.Single(Doctor(box)).Code);

        Directory.CreateDirectory(Path.Combine(box.Home, ".config", "google-chrome"));
        File.WriteAllText(Path.Combine(box.Home, ".config", "google-chrome", "Local State"), "{}");   // Chrome has run: in use
        var some = Doctor(box);
        var missing = Problem(some, FindingCodes.ManifestMissing);
        Assert.Equal("Google Chrome (user)", missing.Subject);
        Assert.DoesNotContain(some, f => f.Code == FindingCodes.NotInstalled);

        Assert.Equal(0, box.Run("install", "--browser", "chrome", "--host-path", box.HostPath).Exit);
        Assert.Equal(0, box.Run("doctor").Exit);
    }

    [Fact]
    public void System_scope_fixes_start_with_sudo()
    {
        using var box = new LinuxSandbox();
        var f = Problem(Doctor(box, "--browser", "edge", "--scope", "system"), FindingCodes.ManifestMissing);
        Assert.Equal("sudo securelink-installer install --browser edge --scope system", f.Fix);
    }

    [Fact]
    public void Profile_dir_doctor_checks_that_manifest()
    {
        using var box = new LinuxSandbox();
        var profile = box.Sub("profile");
        var f = Problem(Doctor(box, "--profile-dir", profile), FindingCodes.ManifestMissing);
        Assert.Equal($"securelink-installer install --profile-dir {profile}", f.Fix);
        Assert.Equal(0, box.Run("install", "--profile-dir", profile, "--host-path", box.HostPath).Exit);
        Assert.Equal(0, box.Run("doctor", "--profile-dir", profile).Exit);
    }

    [Fact]
    public void Json_report_lists_codes_and_health()
    {
        using var box = new LinuxSandbox();
        WriteManifest(box.UserManifest(BrowserId.Chromium), "not json");
        var (exit, output, _) = box.Run("doctor", "--browser", "chromium,chrome", "--json");
        Assert.Equal(1, exit);
        using var doc = JsonDocument.Parse(output);
        Assert.False(doc.RootElement.GetProperty("healthy").GetBoolean());
        var codes = doc.RootElement.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("code").GetString()).ToList();
        Assert.Contains(FindingCodes.ManifestInvalidJson, codes);
        Assert.Contains(FindingCodes.ManifestMissing, codes);
        Assert.All(doc.RootElement.GetProperty("findings").EnumerateArray(),
            f => Assert.False(string.IsNullOrEmpty(f.GetProperty("fix").GetString())));
    }

    [Fact]
    public void Text_report_prints_each_problem_with_its_fix()
    {
        using var box = new LinuxSandbox();
        var (exit, output, _) = box.Run("doctor", "--browser", "vivaldi");
        Assert.Equal(1, exit);
        Assert.Contains("PROBLEM [Vivaldi (user)]", output);
        Assert.Contains("  fix: securelink-installer install --browser vivaldi", output);
        Assert.Contains("1 problem found", output);
    }

    [Fact]
    public void Host_path_given_to_doctor_must_match_what_the_manifest_starts()
    {
        using var box = new LinuxSandbox();
        Assert.Equal(0, box.Run("install", "--browser", "chromium", "--host-path", box.HostPath).Exit);
        Assert.Equal(0, box.Run("doctor", "--browser", "chromium", "--host-path", box.HostPath).Exit);
        var other = box.WriteHost(box.Sub("new", "securelink-host"), "echo new", executable: true);
        var f = Problem(Doctor(box, "--browser", "chromium", "--host-path", other), FindingCodes.HostPathDiffers);
        Assert.Equal($"securelink-installer install --browser chromium --host-path {other}", f.Fix);
    }
}
