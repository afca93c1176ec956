namespace SecureLink.Installer.Tests;

public class CliTests
{
    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        using var box = new LinuxSandbox();
        return box.Run(args);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("help")]
    public void Top_level_help_lists_the_commands(string flag)
    {
        var (exit, output, error) = Run(flag);
        Assert.Equal(0, exit);
        Assert.Empty(error);
        foreach (var command in new[] { "install", "uninstall", "doctor" }) Assert.Contains(command, output);
    }

    [Theory]
    [InlineData("install", "--host-path")]
    [InlineData("uninstall", "--profile-dir")]
    [InlineData("doctor", "--json")]
    public void Each_command_has_its_own_help(string command, string mentions)
    {
        var (exit, output, _) = Run(command, "--help");
        Assert.Equal(0, exit);
        Assert.StartsWith($"Usage: securelink-installer {command}", output);
        Assert.Contains(mentions, output);
        Assert.Equal(output, Run("--help", command).Out);
    }

    [Theory]
    [InlineData(new[] { "install", "--bogus" }, "unknown option '--bogus' for install")]
    [InlineData(new[] { "frobnicate" }, "unknown command 'frobnicate'")]
    [InlineData(new string[0], "missing command")]
    [InlineData(new[] { "install", "--browser", "netscape" }, "unknown browser 'netscape'")]
    [InlineData(new[] { "install", "--scope", "galaxy" }, "unknown scope 'galaxy'")]
    [InlineData(new[] { "install", "--browser" }, "--browser needs a value")]
    [InlineData(new[] { "install", "--host-path", "--browser", "chrome" }, "--host-path needs a value")]
    [InlineData(new[] { "install", "--json" }, "unknown option '--json' for install")]
    [InlineData(new[] { "doctor", "extra" }, "unexpected argument 'extra'")]
    [InlineData(new[] { "doctor", "--json=yes" }, "--json takes no value")]
    public void Bad_arguments_give_one_clear_line_on_stderr_and_exit_2(string[] args, string expected)
    {
        var (exit, output, error) = Run(args);
        Assert.Equal(2, exit);
        Assert.Empty(output);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.StartsWith("securelink-installer: ", error);
        Assert.Contains(expected, error);
    }

    [Fact]
    public void Options_accept_the_equals_form_and_repeats()
    {
        var parsed = CliParser.Parse(["install", "--browser=chrome", "--browser", "edge,firefox", "--scope=system", "--host-path=/x/h"]);
        Assert.Equal([BrowserId.Chrome, BrowserId.Edge, BrowserId.Firefox], parsed.Selection.Browsers);
        Assert.True(parsed.Selection.BrowsersExplicit);
        Assert.Equal(InstallScope.System, parsed.Selection.Scope);
        Assert.Equal("/x/h", parsed.Selection.HostPath);
    }

    [Fact]
    public void Defaults_are_every_browser_for_the_user()
    {
        var parsed = CliParser.Parse(["install"]);
        Assert.Equal(Enum.GetValues<BrowserId>(), parsed.Selection.Browsers);
        Assert.False(parsed.Selection.BrowsersExplicit);
        Assert.Equal(InstallScope.User, parsed.Selection.Scope);
        Assert.Equal(Enum.GetValues<BrowserId>(), CliParser.Parse(["install", "--browser", "all"]).Selection.Browsers);
    }

    [Fact]
    public void Version_prints_the_installer_version()
    {
        var (exit, output, _) = Run("--version");
        Assert.Equal(0, exit);
        Assert.Equal("securelink-installer 0.1.0", output.Trim());
    }
}
