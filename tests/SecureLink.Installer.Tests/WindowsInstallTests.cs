using System.Text.Json;

namespace SecureLink.Installer.Tests;

/// <summary>
/// Windows install, uninstall and doctor as logic: Windows paths (C:\...) in an in-memory file system and an
/// in-memory registry, since neither exists on the test machine.
/// </summary>
public class WindowsInstallTests
{
    private const string Host = @"C:\Program Files\SecureLink\securelink-host.exe";

    private sealed class FakeProbe : IHostProbe
    {
        public int Calls { get; private set; }
        public HostProbeResult Probe(string hostPath, TimeSpan timeout)
        {
            Calls++;
            return new HostProbeResult(true, 0, "securelink-host 0.1.0", null);
        }
    }

    private static (InstallerEnvironment Env, InMemoryFileSystem Files, InMemoryRegistry Registry, FakeProbe Probe) Machine()
    {
        var files = new InMemoryFileSystem(TargetOs.Windows);
        files.AddFile(Host, "MZ");
        var registry = new InMemoryRegistry();
        var probe = new FakeProbe();
        var env = new InstallerEnvironment
        {
            Paths = new PathContext(TargetOs.Windows, @"C:\Users\ann", LocalAppData: @"C:\Users\ann\AppData\Local", ProgramData: @"C:\ProgramData"),
            Files = files,
            Registry = registry,
            HostProbe = probe,
            WorkingDirectory = @"C:\Users\ann",
        };
        return (env, files, registry, probe);
    }

    private static int Run(InstallerEnvironment env, params string[] args) =>
        CliApp.Run(args, env, new StringWriter(), new StringWriter());

    [Theory]
    [InlineData(InstallScope.User, "user")]
    [InlineData(InstallScope.System, "system")]
    public void Install_sets_each_registry_key_to_a_manifest_file_that_names_the_host(InstallScope scope, string scopeArg)
    {
        var (env, files, registry, _) = Machine();
        Assert.Equal(0, Run(env, "install", "--scope", scopeArg, "--host-path", Host));
        foreach (var browser in Enum.GetValues<BrowserId>())
        {
            var location = ManifestLocations.For(browser, scope, env.Paths).Single();
            Assert.Equal(location.ManifestPath, registry.GetDefaultValue(location.Registry!));
            using var doc = JsonDocument.Parse(files.ReadAllText(location.ManifestPath));
            Assert.Equal(Host, doc.RootElement.GetProperty("path").GetString());
            var allow = browser == BrowserId.Firefox ? "allowed_extensions" : "allowed_origins";
            Assert.Single(doc.RootElement.GetProperty(allow).EnumerateArray());
        }
        // Chrome, Brave and Vivaldi share one key: four keys in all.
        Assert.Equal(4, registry.Values.Count);
        Assert.All(registry.Values.Keys, k => Assert.StartsWith(scope == InstallScope.User ? "HKCU" : "HKLM", k));
    }

    [Fact]
    public void Uninstall_deletes_keys_and_files_and_is_idempotent()
    {
        var (env, files, registry, _) = Machine();
        Assert.Equal(0, Run(env, "install", "--host-path", Host));
        Assert.Equal(0, Run(env, "uninstall"));
        Assert.Empty(registry.Values);
        Assert.Equal([Host], files.Files);
        Assert.Equal(0, Run(env, "uninstall"));
    }

    [Fact]
    public void Uninstalling_Brave_warns_that_Chrome_and_Vivaldi_lose_the_shared_key()
    {
        var (env, _, registry, _) = Machine();
        Assert.Equal(0, Run(env, "install", "--browser", "chrome", "--host-path", Host));
        var output = new StringWriter();
        Assert.Equal(0, CliApp.Run(["uninstall", "--browser", "brave"], env, output, new StringWriter()));
        Assert.Contains("Google Chrome, Vivaldi read the same location", output.ToString());
        Assert.Empty(registry.Values);
    }

    [Fact]
    public void Doctor_is_healthy_after_install_and_starts_the_host_once()
    {
        var (env, _, _, probe) = Machine();
        Assert.Equal(0, Run(env, "install", "--host-path", Host));
        var findings = DoctorOperation.Diagnose(CliParser.Parse(["doctor", "--browser", "all"]).Selection, env);
        Assert.All(findings, f => Assert.Equal(FindingSeverity.Ok, f.Severity));
        Assert.Equal(4, findings.Count);     // one per distinct key/file
        Assert.Equal(1, probe.Calls);        // same host for all: started once
    }

    [Fact]
    public void Doctor_reports_a_missing_registry_key_even_when_the_file_is_there()
    {
        var (env, _, registry, _) = Machine();
        Assert.Equal(0, Run(env, "install", "--browser", "edge", "--host-path", Host));
        registry.DeleteKey(ManifestLocations.For(BrowserId.Edge, InstallScope.User, env.Paths)[0].Registry!);
        var findings = DoctorOperation.Diagnose(CliParser.Parse(["doctor", "--browser", "edge"]).Selection, env);
        var f = Assert.Single(findings);
        Assert.Equal(FindingCodes.RegistryKeyMissing, f.Code);
        Assert.Equal("securelink-installer install --browser edge", f.Fix);
    }

    [Fact]
    public void Doctor_follows_a_key_that_points_at_another_file_and_checks_that_file()
    {
        var (env, files, registry, _) = Machine();
        Assert.Equal(0, Run(env, "install", "--browser", "chromium", "--host-path", Host));
        var key = ManifestLocations.For(BrowserId.Chromium, InstallScope.User, env.Paths)[0].Registry!;
        registry.SetDefaultValue(key, @"C:\old\manifest.json");
        files.AddFile(@"C:\old\manifest.json", """{"name":"app.securelink.host","path":"C:\\old\\securelink-host.exe","type":"stdio","allowed_origins":["chrome-extension://gjcbgdlnkdamllccdgdimmjefdbkckgl/"]}""");
        var findings = DoctorOperation.Diagnose(CliParser.Parse(["doctor", "--browser", "chromium"]).Selection, env);
        Assert.Contains(findings, f => f.Code == FindingCodes.RegistryPointsElsewhere && f.Severity == FindingSeverity.Warning);
        Assert.Contains(findings, f => f.Code == FindingCodes.HostMissing && f.Severity == FindingSeverity.Problem);
    }

    [Fact]
    public void Profile_dir_is_refused_on_Windows_because_Chromium_reads_only_the_registry()
    {
        var (env, _, _, _) = Machine();
        var error = new StringWriter();
        Assert.Equal(2, CliApp.Run(["install", "--profile-dir", @"C:\p", "--host-path", Host], env, new StringWriter(), error));
        Assert.Contains("registry", error.ToString());
    }

    [Fact]
    public void System_scope_fix_on_Windows_has_no_sudo()
    {
        var (env, _, _, _) = Machine();
        var findings = DoctorOperation.Diagnose(CliParser.Parse(["doctor", "--browser", "firefox", "--scope", "system"]).Selection, env);
        Assert.Equal("securelink-installer install --browser firefox --scope system", Assert.Single(findings).Fix);
    }

    [Fact]
    public void Doctor_reports_a_key_whose_manifest_file_is_gone_even_for_a_browser_not_in_use()
    {
        var (env, files, _, _) = Machine();
        Assert.Equal(0, Run(env, "install", "--browser", "firefox", "--host-path", Host));
        files.DeleteFile(ManifestLocations.For(BrowserId.Firefox, InstallScope.User, env.Paths)[0].ManifestPath);
        var findings = DoctorOperation.Diagnose(CliParser.Parse(["doctor"]).Selection, env);   // no --browser: only what is in use or registered
        var f = Assert.Single(findings);
        Assert.Equal(FindingCodes.ManifestMissing, f.Code);
        Assert.Equal("Firefox (user)", f.Subject);
    }
}
