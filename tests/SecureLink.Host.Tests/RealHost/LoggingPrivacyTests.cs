using SecureLink.Host.Tests.Support;

namespace SecureLink.Host.Tests.RealHost;

/// <summary>Stderr stays empty unless asked for, and even at trace never carries request content.</summary>
public sealed class LoggingPrivacyTests
{
    private const string Marker = "MARKER-8f3a1c-do-not-log";

    private static async Task<string> RunSessionWithMarkersAsync(string? log)
    {
        await using var host = HostProcess.Start(log);
        await host.RequestAsync($$"""{"id":1,"type":"hello","protocol":1,"note":"{{Marker}}"}""");
        await host.RequestAsync($$"""{"id":2,"type":"chat.send","text":"{{Marker}}"}""");
        await host.RequestAsync($$"""{"id":3,"type":"{{Marker}}"}""");
        await host.RequestAsync($$"""{"id":"{{Marker}}","type":"hello","protocol":1}""");
        await host.RequestAsync($$"""{"id":4,"type":"hello","protocol":"{{Marker}}"}""");
        await host.RequestAsync($$"""{"id":5,"type":"hello","protocol":1,"{{Marker}}":1}""");
        await host.RequestAsync($$"""{"id":6,"type":"hello" {{Marker}}""");
        await host.SendAsync([.. System.Text.Encoding.UTF8.GetBytes(Marker), 0xFF]);
        await host.ReceiveAsync();
        await host.SendAsync(Frames.PaddedHello(7, 1024 * 1024 + 1));
        await host.ReceiveAsync();
        host.CloseStdin();
        var exit = await host.WaitForExitAsync();
        Assert.Equal(0, exit.ExitCode);
        return exit.Stderr;
    }

    [Theory]
    [InlineData("trace")]
    [InlineData("debug")]
    [InlineData("info")]
    [InlineData("error")]
    public async Task No_log_level_prints_request_content(string level)
    {
        var stderr = await RunSessionWithMarkersAsync(level);
        Assert.DoesNotContain(Marker, stderr, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("MARKER", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Trace_logging_does_write_lines_with_timestamp_level_and_category()
    {
        var stderr = await RunSessionWithMarkersAsync("trace");
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.Contains(" debug request: hello id 1", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(" trace output: wrote frame", StringComparison.Ordinal));
        Assert.All(lines, l => Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z (trace|debug|info|error) [a-z]+: ", l));
    }

    [Fact]
    public async Task Without_SECURELINK_LOG_stderr_is_empty()
    {
        Assert.Equal("", await RunSessionWithMarkersAsync(null));
    }

    [Fact]
    public async Task An_unrecognised_level_says_so_once_and_logs_nothing_else()
    {
        var stderr = await RunSessionWithMarkersAsync("loud");
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.Contains("SECURELINK_LOG", lines[0]);
    }
}
