using SecureLink.Host.Tests.Support;

namespace SecureLink.Host.Tests.RealHost;

/// <summary>The command line of securelink-host (DESIGN.md §4b) as a person or a browser uses it.</summary>
public sealed class CommandLineProcessTests
{
    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        var info = new System.Diagnostics.ProcessStartInfo(HostProcess.DotnetPath)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false,
        };
        info.ArgumentList.Add(HostProcess.HostDll);
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment.Remove("SECURELINK_LOG");
        using var p = System.Diagnostics.Process.Start(info)!;
        p.StandardInput.Close();
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(HostProcess.Timeout);
        await p.WaitForExitAsync(cts.Token);
        return (p.ExitCode, await stdout, await stderr);
    }

    [Fact]
    public async Task Version_prints_the_version()
    {
        var (code, stdout, stderr) = await RunAsync("--version");
        Assert.Equal(0, code);
        Assert.Equal("0.1.0", stdout.Trim());
        Assert.Equal("", stderr);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public async Task Help_prints_usage(string flag)
    {
        var (code, stdout, _) = await RunAsync(flag);
        Assert.Equal(0, code);
        Assert.Contains("usage:", stdout);
        Assert.Contains("interop --role answer|offer", stdout);
        Assert.Contains("SECURELINK_LOG", stdout);
    }

    [Fact]
    public async Task An_unknown_command_is_one_clear_line_and_exit_2()
    {
        var (code, stdout, stderr) = await RunAsync("frobnicate");
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("unknown command 'frobnicate'", line);
    }

    [Fact]
    public async Task Interop_is_dispatched_to_the_WebRtc_endpoint()
    {
        var (code, stdout, stderr) = await RunAsync("interop", "--help");
        Assert.Equal(0, code);
        Assert.Contains("--role", stdout);
        Assert.Equal("", stderr);

        (code, stdout, stderr) = await RunAsync("interop", "--role", "sideways");
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Theory]
    [InlineData("chat")]
    [InlineData("chat", "sideways")]
    [InlineData("chat", "create", "--bogus")]
    [InlineData("chat", "create", "--internet")]
    [InlineData("chat", "join", "--internet")]
    public async Task Chat_usage_errors_are_one_line_and_exit_2(params string[] args)
    {
        var (code, stdout, stderr) = await RunAsync(args);
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Chat_join_without_input_says_so_and_exits_1()
    {
        var (code, stdout, stderr) = await RunAsync("chat", "join");
        Assert.Equal(1, code);
        Assert.Contains("invite?", stdout);
        Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Theory]
    [InlineData("chrome-extension://gjcbgdlnkdamllccdgdimmjefdbkckgl/")]
    [InlineData("chrome-extension://gjcbgdlnkdamllccdgdimmjefdbkckgl/", "--parent-window=0")]
    [InlineData("/home/u/.mozilla/native-messaging-hosts/app.securelink.host.json", "securelink@securelink.app")]
    public async Task Browser_arguments_start_native_messaging(params string[] args)
    {
        await using var host = HostProcess.Start(null, args);
        Json.AssertOk(await host.RequestAsync("""{"id":1,"type":"hello","protocol":1}"""), 1);
        host.CloseStdin();
        Assert.Equal(0, (await host.WaitForExitAsync()).ExitCode);
    }
}
