using SecureLink.Host.Commands;
using SecureLink.WebRtc.Transport;
using SecureLink.Host.Session;

namespace SecureLink.Host.Tests.Commands;

public sealed class CommandLineParserTests
{
    [Theory]
    [InlineData(CommandKind.NativeMessaging, "chrome-extension://gjcbgdlnkdamllccdgdimmjefdbkckgl/")]
    [InlineData(CommandKind.NativeMessaging, "chrome-extension://gjcbgdlnkdamllccdgdimmjefdbkckgl/", "--parent-window=1234")]
    [InlineData(CommandKind.NativeMessaging, "/home/u/.mozilla/native-messaging-hosts/app.securelink.host.json", "securelink@securelink.app")]
    [InlineData(CommandKind.NativeMessaging, @"C:\Users\u\AppData\app.securelink.host.json", "securelink@securelink.app")]
    [InlineData(CommandKind.NativeMessaging, "securelink@securelink.app")]
    [InlineData(CommandKind.NativeMessaging, "{ec8030f7-c20a-464f-9b0e-13a3a9e97384}")]
    [InlineData(CommandKind.Help, "--help")]
    [InlineData(CommandKind.Help, "-h")]
    [InlineData(CommandKind.Version, "--version")]
    [InlineData(CommandKind.Interop, "interop", "--role", "answer")]
    [InlineData(CommandKind.Chat, "chat", "create")]
    [InlineData(CommandKind.Unknown, "--frobnicate")]
    [InlineData(CommandKind.Unknown, "install")]
    public void Classifies_the_command_line(CommandKind expected, params string[] args) =>
        Assert.Equal(expected, CommandLineParser.Classify(args, stdinRedirected: false));

    [Fact]
    public void No_arguments_is_native_messaging_only_when_stdin_is_a_pipe()
    {
        Assert.Equal(CommandKind.NativeMessaging, CommandLineParser.Classify([], stdinRedirected: true));
        Assert.Equal(CommandKind.NoCommand, CommandLineParser.Classify([], stdinRedirected: false));
    }

    [Theory]
    [InlineData(null, LogLevel.None)]
    [InlineData("", LogLevel.None)]
    [InlineData("off", LogLevel.None)]
    [InlineData("error", LogLevel.Error)]
    [InlineData("INFO", LogLevel.Info)]
    [InlineData(" debug ", LogLevel.Debug)]
    [InlineData("trace", LogLevel.Trace)]
    public void Parses_SECURELINK_LOG(string? value, LogLevel expected) => Assert.Equal(expected, LogSettings.Parse(value));

    [Fact]
    public void An_unknown_level_is_rejected() => Assert.Null(LogSettings.Parse("verbose"));

    [Fact]
    public void The_log_filters_by_level()
    {
        var sink = new StringWriter();
        var log = new StderrLog(LogLevel.Info, sink);
        log.Write(LogLevel.Debug, "x", "hidden");
        log.Write(LogLevel.Error, "ice", "failed");
        Assert.False(log.IsEnabled(LogLevel.Trace));
        Assert.True(log.IsEnabled(LogLevel.Error));
        Assert.False(log.IsEnabled(LogLevel.None));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z error ice: failed\r?\n$", sink.ToString());
    }

    [Fact]
    public void The_wipe_registry_wipes_everything_once_even_if_one_throws()
    {
        var registry = new WipeRegistry();
        var order = new List<string>();
        registry.Add(new Wipeable(() => order.Add("a")));
        registry.Add(new Wipeable(() => throw new InvalidOperationException()));
        registry.Add(new Wipeable(() => order.Add("c")));
        registry.WipeAll();
        registry.WipeAll();
        Assert.Equal(["c", "a"], order);
        Assert.True(registry.IsWiped);
    }

    [Fact]
    public void The_reported_version_matches_the_assembly_version()
    {
        var version = typeof(HostVersion).Assembly.GetName().Version!;
        Assert.Equal(HostVersion.Current, $"{version.Major}.{version.Minor}.{version.Build}");
    }

    private sealed class Wipeable(Action wipe) : IWipeable
    {
        public void Wipe() => wipe();
    }
}
