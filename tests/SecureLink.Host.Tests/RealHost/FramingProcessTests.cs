using SecureLink.Host.Tests.Support;

namespace SecureLink.Host.Tests.RealHost;

/// <summary>Frame size limits and every way stdin can end, against the real process.</summary>
public sealed class FramingProcessTests
{
    private const int Max = 1024 * 1024;
    private static readonly TimeSpan ExitWithin = TimeSpan.FromSeconds(3);

    private static void AssertCleanExit((int ExitCode, TimeSpan Elapsed, string Stderr) exit)
    {
        Assert.Equal(0, exit.ExitCode);
        Assert.True(exit.Elapsed < ExitWithin, $"exit took {exit.Elapsed}");
        Assert.Equal("", exit.Stderr);
    }

    [Fact]
    public async Task A_frame_of_exactly_one_mebibyte_is_read()
    {
        await using var host = HostProcess.Start();
        await host.SendAsync(Frames.PaddedHello(1, Max));
        Json.AssertOk(await host.ReceiveAsync(), 1);
    }

    [Fact]
    public async Task A_frame_of_exactly_one_mebibyte_of_garbage_is_judged_on_its_content()
    {
        await using var host = HostProcess.Start();
        var payload = new byte[Max];
        payload.AsSpan().Fill((byte)'x');
        await host.SendAsync(payload);
        Json.AssertError(await host.ReceiveAsync(), null, "bad_json");
    }

    [Fact]
    public async Task One_byte_more_is_frame_too_large_and_the_next_request_is_answered()
    {
        await using var host = HostProcess.Start();
        await host.SendAsync(Frames.PaddedHello(1, Max + 1));
        Json.AssertError(await host.ReceiveAsync(), null, "frame_too_large");
        Json.AssertOk(await host.RequestAsync("""{"id":2,"type":"hello","protocol":1}"""), 2);
    }

    [Fact]
    public async Task Two_oversized_frames_in_a_row_are_each_refused()
    {
        await using var host = HostProcess.Start();
        var big = Frames.Of(new byte[3 * Max]);
        await host.SendRawAsync([.. big, .. big, .. Frames.Of("""{"id":3,"type":"state.get"}""")]);
        Json.AssertError(await host.ReceiveAsync(), null, "frame_too_large");
        Json.AssertError(await host.ReceiveAsync(), null, "frame_too_large");
        Json.AssertOk(await host.ReceiveAsync(), 3);
    }

    [Fact]
    public async Task An_absurd_length_prefix_then_eof_exits_cleanly()
    {
        await using var host = HostProcess.Start();
        await host.SendRawAsync(Frames.Header(0xFFFFFFFF));
        Json.AssertError(await host.ReceiveAsync(), null, "frame_too_large");
        await host.SendRawAsync(new byte[100_000]);
        host.CloseStdin();
        AssertCleanExit(await host.WaitForExitAsync());
    }

    [Fact]
    public async Task A_truncated_payload_exits_cleanly()
    {
        await using var host = HostProcess.Start();
        await host.SendRawAsync([.. Frames.Header(100), .. "{\"id\":1,"u8.ToArray()]);
        host.CloseStdin();
        AssertCleanExit(await host.WaitForExitAsync());
        Assert.Empty(await host.ReadRestOfStdoutAsync());
    }

    [Fact]
    public async Task A_truncated_header_exits_cleanly()
    {
        await using var host = HostProcess.Start();
        Json.AssertOk(await host.RequestAsync("""{"id":1,"type":"hello","protocol":1}"""), 1);
        await host.SendRawAsync([0x10, 0x00]);
        host.CloseStdin();
        AssertCleanExit(await host.WaitForExitAsync());
    }

    [Fact]
    public async Task Closing_stdin_between_frames_exits_cleanly_and_flushes_answers()
    {
        await using var host = HostProcess.Start();
        await host.SendRawAsync([.. Frames.Of("""{"id":1,"type":"hello","protocol":1}"""), .. Frames.Of("""{"id":2,"type":"state.get"}""")]);
        host.CloseStdin();
        Json.AssertOk(await host.ReceiveAsync(), 1);
        Json.AssertOk(await host.ReceiveAsync(), 2);
        AssertCleanExit(await host.WaitForExitAsync());
    }

    [Fact]
    public async Task Closing_stdin_at_once_exits_cleanly()
    {
        await using var host = HostProcess.Start();
        host.CloseStdin();
        AssertCleanExit(await host.WaitForExitAsync());
    }

    [Fact]
    public async Task A_zero_length_frame_is_bad_json()
    {
        await using var host = HostProcess.Start();
        await host.SendRawAsync(Frames.Header(0));
        Json.AssertError(await host.ReceiveAsync(), null, "bad_json");
    }

    [Fact]
    public async Task Sigterm_exits_cleanly_while_waiting_for_input()
    {
        if (OperatingSystem.IsWindows()) return;
        await using var host = HostProcess.Start();
        Json.AssertOk(await host.RequestAsync("""{"id":1,"type":"hello","protocol":1}"""), 1);
        host.SendSignal("TERM");
        AssertCleanExit(await host.WaitForExitAsync());
    }

    [Fact]
    public async Task Sigterm_in_the_middle_of_a_frame_exits_cleanly()
    {
        if (OperatingSystem.IsWindows()) return;
        await using var host = HostProcess.Start();
        Json.AssertOk(await host.RequestAsync("""{"id":1,"type":"hello","protocol":1}"""), 1);
        await host.SendRawAsync([.. Frames.Header(500), .. new byte[10]]);
        host.SendSignal("TERM");
        AssertCleanExit(await host.WaitForExitAsync());
    }

    [Fact]
    public async Task A_reader_that_went_away_does_not_crash_the_host()
    {
        await using var host = HostProcess.Start();
        Json.AssertOk(await host.RequestAsync("""{"id":1,"type":"hello","protocol":1}"""), 1);
        host.CloseStdout();
        for (var i = 0; i < 50; i++)
            await host.SendAsync("""{"id":2,"type":"state.get"}""");
        host.CloseStdin();
        AssertCleanExit(await host.WaitForExitAsync());
    }
}
