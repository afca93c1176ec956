namespace SecureLink.Installer.Tests;

/// <summary>The location table as pure logic: every browser × OS × scope, including Windows registry keys.</summary>
public class PathModelTests
{
    private static readonly PathContext Linux = new(TargetOs.Linux, "/home/ann");
    private static readonly PathContext Mac = new(TargetOs.MacOS, "/Users/ann");
    private static readonly PathContext Windows = new(TargetOs.Windows, @"C:\Users\ann",
        LocalAppData: @"C:\Users\ann\AppData\Local", ProgramData: @"C:\ProgramData");

    public static TheoryData<BrowserId, InstallScope, string> LinuxTable => new()
    {
        { BrowserId.Chromium, InstallScope.User, "/home/ann/.config/chromium/NativeMessagingHosts/app.securelink.host.json" },
        { BrowserId.Chrome, InstallScope.User, "/home/ann/.config/google-chrome/NativeMessagingHosts/app.securelink.host.json" },
        { BrowserId.Edge, InstallScope.User, "/home/ann/.config/microsoft-edge/NativeMessagingHosts/app.securelink.host.json" },
        { BrowserId.Brave, InstallScope.User, "/home/ann/.config/BraveSoftware/Brave-Browser/NativeMessagingHosts/app.securelink.host.json" },
        { BrowserId.Vivaldi, InstallScope.User, "/home/ann/.config/vivaldi/NativeMessagingHosts/app.securelink.host.json" },
        { BrowserId.Firefox, InstallScope.User, "/home/ann/.mozilla/native-messaging-hosts/app.securelink.host.json" },
        { BrowserId.Chromium, InstallScope.System, "/etc/chromium/native-messaging-hosts/app.securelink.host.json" },
        { BrowserId.Chrome, InstallScope.System, "/etc/opt/chrome/native-messaging-hosts/app.securelink.host.json" },
        { BrowserId.Edge, InstallScope.System, "/etc/opt/edge/native-messaging-hosts/app.securelink.host.json" },
        { BrowserId.Brave, InstallScope.System, "/etc/chromium/native-messaging-hosts/app.securelink.host.json" },
        { BrowserId.Vivaldi, InstallScope.System, "/etc/chromium/native-messaging-hosts/app.securelink.host.json" },
        { BrowserId.Firefox, InstallScope.System, "/usr/lib/mozilla/native-messaging-hosts/app.securelink.host.json" },
    };

    [Theory, MemberData(nameof(LinuxTable))]
    public void Linux_paths_follow_each_browsers_documented_folder(BrowserId browser, InstallScope scope, string expected)
    {
        var locations = ManifestLocations.For(browser, scope, Linux);
        Assert.Equal(expected, locations[0].ManifestPath);
        Assert.All(locations, l => Assert.Null(l.Registry));
    }

    [Fact]
    public void Linux_system_Firefox_also_covers_lib64_but_only_where_lib64_exists()
    {
        var locations = ManifestLocations.For(BrowserId.Firefox, InstallScope.System, Linux);
        Assert.Equal(2, locations.Count);
        Assert.Equal("/usr/lib64/mozilla/native-messaging-hosts/app.securelink.host.json", locations[1].ManifestPath);
        Assert.Equal("/usr/lib64", locations[1].OnlyIfDirectoryExists);
        Assert.Null(locations[0].OnlyIfDirectoryExists);
    }

    [Fact]
    public void Linux_user_paths_honour_XDG_CONFIG_HOME_for_Chromium_family_but_not_Firefox()
    {
        var ctx = Linux with { XdgConfigHome = "/data/cfg" };
        Assert.Equal("/data/cfg/google-chrome/NativeMessagingHosts/app.securelink.host.json",
            ManifestLocations.For(BrowserId.Chrome, InstallScope.User, ctx)[0].ManifestPath);
        Assert.Equal("/home/ann/.mozilla/native-messaging-hosts/app.securelink.host.json",
            ManifestLocations.For(BrowserId.Firefox, InstallScope.User, ctx)[0].ManifestPath);
        // A relative XDG_CONFIG_HOME is invalid by the spec and ignored.
        Assert.Equal("/home/ann/.config/chromium/NativeMessagingHosts/app.securelink.host.json",
            ManifestLocations.For(BrowserId.Chromium, InstallScope.User, Linux with { XdgConfigHome = "cfg" })[0].ManifestPath);
    }

    [Fact]
    public void System_paths_hang_from_the_injected_root()
    {
        var ctx = Linux with { SystemRoot = "/tmp/fake-root" };
        Assert.Equal("/tmp/fake-root/etc/opt/chrome/native-messaging-hosts/app.securelink.host.json",
            ManifestLocations.For(BrowserId.Chrome, InstallScope.System, ctx)[0].ManifestPath);
    }

    public static TheoryData<BrowserId, InstallScope, string> MacTable => new()
    {
        { BrowserId.Chromium, InstallScope.User, "/Users/ann/Library/Application Support/Chromium/NativeMessagingHosts/app.securelink.host.json" },
        { BrowserId.Chrome, InstallScope.User, "/Users/ann/Library/Application Support/Google/Chrome/NativeMessagingHosts/app.securelink.host.json" },
        { BrowserId.Edge, InstallScope.User, "/Users/ann/Library/Application Support/Microsoft Edge/NativeMessagingHosts/app.securelink.host.json" },
        { BrowserId.Brave, InstallScope.User, "/Users/ann/Library/Application Support/BraveSoftware/Brave-Browser/NativeMessagingHosts/app.securelink.host.json" },
        { BrowserId.Vivaldi, InstallScope.User, "/Users/ann/Library/Application Support/Vivaldi/NativeMessagingHosts/app.securelink.host.json" },
        { BrowserId.Firefox, InstallScope.User, "/Users/ann/Library/Application Support/Mozilla/NativeMessagingHosts/app.securelink.host.json" },
        { BrowserId.Chromium, InstallScope.System, "/Library/Application Support/Chromium/NativeMessagingHosts/app.securelink.host.json" },
        { BrowserId.Chrome, InstallScope.System, "/Library/Google/Chrome/NativeMessagingHosts/app.securelink.host.json" },
        { BrowserId.Edge, InstallScope.System, "/Library/Microsoft/Edge/NativeMessagingHosts/app.securelink.host.json" },
        { BrowserId.Brave, InstallScope.System, "/Library/Application Support/Chromium/NativeMessagingHosts/app.securelink.host.json" },
        { BrowserId.Vivaldi, InstallScope.System, "/Library/Application Support/Chromium/NativeMessagingHosts/app.securelink.host.json" },
        { BrowserId.Firefox, InstallScope.System, "/Library/Application Support/Mozilla/NativeMessagingHosts/app.securelink.host.json" },
    };

    [Theory, MemberData(nameof(MacTable))]
    public void MacOS_paths_follow_each_browsers_documented_folder(BrowserId browser, InstallScope scope, string expected)
    {
        var location = Assert.Single(ManifestLocations.For(browser, scope, Mac));
        Assert.Equal(expected, location.ManifestPath);
        Assert.Null(location.Registry);
    }

    public static TheoryData<BrowserId, InstallScope, string, string> WindowsTable => new()
    {
        { BrowserId.Chromium, InstallScope.User, @"HKCU\Software\Chromium\NativeMessagingHosts\app.securelink.host", @"C:\Users\ann\AppData\Local\SecureLink\chromium\app.securelink.host.json" },
        { BrowserId.Chrome, InstallScope.User, @"HKCU\Software\Google\Chrome\NativeMessagingHosts\app.securelink.host", @"C:\Users\ann\AppData\Local\SecureLink\chrome\app.securelink.host.json" },
        { BrowserId.Edge, InstallScope.User, @"HKCU\Software\Microsoft\Edge\NativeMessagingHosts\app.securelink.host", @"C:\Users\ann\AppData\Local\SecureLink\edge\app.securelink.host.json" },
        { BrowserId.Brave, InstallScope.User, @"HKCU\Software\Google\Chrome\NativeMessagingHosts\app.securelink.host", @"C:\Users\ann\AppData\Local\SecureLink\chrome\app.securelink.host.json" },
        { BrowserId.Vivaldi, InstallScope.User, @"HKCU\Software\Google\Chrome\NativeMessagingHosts\app.securelink.host", @"C:\Users\ann\AppData\Local\SecureLink\chrome\app.securelink.host.json" },
        { BrowserId.Firefox, InstallScope.User, @"HKCU\Software\Mozilla\NativeMessagingHosts\app.securelink.host", @"C:\Users\ann\AppData\Local\SecureLink\firefox\app.securelink.host.json" },
        { BrowserId.Chromium, InstallScope.System, @"HKLM\Software\Chromium\NativeMessagingHosts\app.securelink.host", @"C:\ProgramData\SecureLink\chromium\app.securelink.host.json" },
        { BrowserId.Chrome, InstallScope.System, @"HKLM\Software\Google\Chrome\NativeMessagingHosts\app.securelink.host", @"C:\ProgramData\SecureLink\chrome\app.securelink.host.json" },
        { BrowserId.Edge, InstallScope.System, @"HKLM\Software\Microsoft\Edge\NativeMessagingHosts\app.securelink.host", @"C:\ProgramData\SecureLink\edge\app.securelink.host.json" },
        { BrowserId.Brave, InstallScope.System, @"HKLM\Software\Google\Chrome\NativeMessagingHosts\app.securelink.host", @"C:\ProgramData\SecureLink\chrome\app.securelink.host.json" },
        { BrowserId.Vivaldi, InstallScope.System, @"HKLM\Software\Google\Chrome\NativeMessagingHosts\app.securelink.host", @"C:\ProgramData\SecureLink\chrome\app.securelink.host.json" },
        { BrowserId.Firefox, InstallScope.System, @"HKLM\Software\Mozilla\NativeMessagingHosts\app.securelink.host", @"C:\ProgramData\SecureLink\firefox\app.securelink.host.json" },
    };

    [Theory, MemberData(nameof(WindowsTable))]
    public void Windows_uses_a_registry_key_whose_default_value_is_the_manifest_file(BrowserId browser, InstallScope scope, string key, string file)
    {
        var location = Assert.Single(ManifestLocations.For(browser, scope, Windows));
        Assert.Equal(key, location.Registry!.ToString());
        Assert.Equal(file, location.ManifestPath);
        Assert.True(OsPath.IsAbsolute(TargetOs.Windows, location.ManifestPath));
    }

    [Fact]
    public void Windows_LocalAppData_defaults_under_the_profile_when_the_variable_is_missing()
    {
        var ctx = new PathContext(TargetOs.Windows, @"D:\Profiles\bo");
        Assert.Equal(@"D:\Profiles\bo\AppData\Local\SecureLink\edge\app.securelink.host.json",
            ManifestLocations.For(BrowserId.Edge, InstallScope.User, ctx)[0].ManifestPath);
    }

    [Fact]
    public void Every_browser_OS_scope_has_an_absolute_manifest_path_named_after_the_host()
    {
        foreach (var ctx in new[] { Linux, Mac, Windows })
        foreach (var browser in Enum.GetValues<BrowserId>())
        foreach (var scope in Enum.GetValues<InstallScope>())
        {
            var locations = ManifestLocations.For(browser, scope, ctx);
            Assert.NotEmpty(locations);
            Assert.All(locations, l =>
            {
                Assert.True(OsPath.IsAbsolute(ctx.Os, l.ManifestPath), l.ManifestPath);
                Assert.Equal("app.securelink.host.json", OsPath.FileName(ctx.Os, l.ManifestPath));
                Assert.Equal(ctx.Os == TargetOs.Windows, l.Registry is not null);
            });
        }
    }

    [Fact]
    public void Profile_directory_manifest_sits_in_its_NativeMessagingHosts_folder()
    {
        Assert.Equal("/tmp/p/NativeMessagingHosts/app.securelink.host.json",
            ManifestLocations.ForProfileDirectory("/tmp/p", TargetOs.Linux).ManifestPath);
        Assert.Equal("/tmp/p/NativeMessagingHosts/app.securelink.host.json",
            ManifestLocations.ForProfileDirectory("/tmp/p/", TargetOs.MacOS).ManifestPath);
    }

    [Fact]
    public void Shared_locations_are_known_so_uninstall_can_warn()
    {
        Assert.Equal([BrowserId.Brave, BrowserId.Vivaldi], ManifestLocations.SharedWith(BrowserId.Chrome, InstallScope.User, Windows));
        Assert.Empty(ManifestLocations.SharedWith(BrowserId.Chrome, InstallScope.User, Linux));
        Assert.Equal([BrowserId.Brave, BrowserId.Vivaldi], ManifestLocations.SharedWith(BrowserId.Chromium, InstallScope.System, Linux));
        Assert.Empty(ManifestLocations.SharedWith(BrowserId.Edge, InstallScope.System, Mac));
    }

    [Fact]
    public void In_use_markers_are_files_each_real_profile_has()
    {
        Assert.Equal("/home/ann/.config/BraveSoftware/Brave-Browser/Local State", ManifestLocations.InUseMarker(BrowserId.Brave, Linux));
        Assert.Equal("/home/ann/.mozilla/firefox/profiles.ini", ManifestLocations.InUseMarker(BrowserId.Firefox, Linux));
        Assert.Equal("/Users/ann/Library/Application Support/Google/Chrome/Local State", ManifestLocations.InUseMarker(BrowserId.Chrome, Mac));
        Assert.Equal("/Users/ann/Library/Application Support/Firefox/profiles.ini", ManifestLocations.InUseMarker(BrowserId.Firefox, Mac));
        Assert.Equal(@"C:\Users\ann\AppData\Local\Microsoft\Edge\User Data\Local State", ManifestLocations.InUseMarker(BrowserId.Edge, Windows));
        Assert.Equal(@"C:\Users\ann\AppData\Roaming\Mozilla\Firefox\profiles.ini", ManifestLocations.InUseMarker(BrowserId.Firefox, Windows));
    }
}
