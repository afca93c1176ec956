using SecureLink.WebRtc.Interop;
using SecureLink.WebRtc.Tests.Infrastructure;

namespace SecureLink.WebRtc.Tests.Interop;

/// <summary>
/// The <c>securelink-host interop</c> line protocol (DESIGN.md §4b), driven as
/// stdin/stdout, against tests/interop/aiortc_peer.py as a separate process and
/// against itself.
/// </summary>
public sealed class InteropCommandTests
{
    [Fact(Timeout = 10_000)]
    public async Task Help_prints_usage_and_exits_0()
    {
        var stdout = new StringWriter();
        var code = await InteropCommand.RunAsync(["--help"], new StringReader(""), stdout, new StringWriter(), CancellationToken.None);
        Assert.Equal(0, code);
        Assert.Contains("--role answer|offer", stdout.ToString());
    }

    [Theory(Timeout = 10_000)]
    [InlineData(new string[0], "--role")]
    [InlineData(new[] { "--role", "both" }, "'answer' or 'offer'")]
    [InlineData(new[] { "--role", "offer", "--stun" }, "needs a value")]
    [InlineData(new[] { "--role", "offer", "--stun", "nohost" }, "HOST:PORT")]
    [InlineData(new[] { "--role", "answer", "--audio-in", "/nonexistent/x.wav" }, "does not exist")]
    [InlineData(new[] { "--role", "answer", "--audio-out", "x.wav" }, "voice engine")]
    [InlineData(new[] { "--role", "answer", "--audio-out" }, "needs a value")]
    [InlineData(new[] { "--role", "offer", "--bogus" }, "unknown argument")]
    public async Task Usage_errors_are_one_stderr_line_and_exit_2(string[] args, string expected)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await InteropCommand.RunAsync(args, new StringReader(""), stdout, stderr, CancellationToken.None);
        Assert.Equal(2, code);
        Assert.Equal("", stdout.ToString());
        var lines = stderr.ToString().TrimEnd().Split('\n');
        Assert.Single(lines);
        Assert.Contains(expected, lines[0]);
    }

    [IsolatedFact]
    public async Task A_bad_first_line_is_an_error_line_and_exit_1()
    {
        using var cts = Bounded.Timeout();
        await using var ours = new InProcessInterop("--role", "answer");
        ours.Input.WriteLine("{\"type\":\"answer\",\"sdp\":\"v=0\"}");
        var error = await ours.Output.NextOfTypeAsync("error", cts.Token);
        Assert.Contains("offer", (string?)error["message"]);
        Assert.Equal(1, await ours.Run.WaitAsync(cts.Token));
    }

    [AiortcFact]
    public async Task Our_answer_echoes_aiortcs_offer()
    {
        using var cts = Bounded.Timeout(60);
        await using var aiortc = AiortcPeer.Start("offer");
        await using var ours = new InProcessInterop("--role", "answer");
        var offer = await aiortc.NextOfTypeAsync("offer", cts.Token);
        ours.Input.WriteLine(offer.ToJsonString());
        var answer = await ours.Output.NextOfTypeAsync("answer", cts.Token);
        await aiortc.SendAsync(new { type = "answer", sdp = (string)answer["sdp"]! });
        await aiortc.NextOfTypeAsync("open", cts.Token);
        Assert.Equal("echo", (string?)(await ours.Output.NextOfTypeAsync("open", cts.Token))["label"]);

        await aiortc.SendAsync(new { data = "ping über" });
        await aiortc.SendAsync(new { binary = "AAEC" });
        Assert.Equal("ping über", (string?)(await aiortc.NextOfTypeAsync("message", cts.Token))["data"]);
        Assert.Equal("AAEC", (string?)(await aiortc.NextOfTypeAsync("message", cts.Token))["binary"]);

        aiortc.CloseInput();   // aiortc leaves; our answerer notices and ends cleanly
        await ours.Output.NextOfTypeAsync("closed", cts.Token);
        Assert.Equal(0, await ours.Run.WaitAsync(cts.Token));
    }

    [AiortcFact]
    public async Task Our_offer_talks_to_aiortcs_answer()
    {
        using var cts = Bounded.Timeout(60);
        await using var aiortc = AiortcPeer.Start("answer");
        await using var ours = new InProcessInterop("--role", "offer");
        var offer = await ours.Output.NextOfTypeAsync("offer", cts.Token);
        Assert.Contains("a=setup:actpass", (string)offer["sdp"]!);
        await aiortc.SendAsync(new { type = "offer", sdp = (string)offer["sdp"]! });
        var answer = await aiortc.NextOfTypeAsync("answer", cts.Token);
        ours.Input.WriteLine(answer.ToJsonString());
        Assert.Equal("echo", (string?)(await ours.Output.NextOfTypeAsync("open", cts.Token))["label"]);

        ours.Send(new { data = "hello" });
        ours.Send(new { binary = "/wA=" });
        Assert.Equal("hello", (string?)(await ours.Output.NextOfTypeAsync("message", cts.Token))["data"]);
        Assert.Equal("/wA=", (string?)(await ours.Output.NextOfTypeAsync("message", cts.Token))["binary"]);

        ours.Input.End();     // we leave; aiortc sees its channel close
        await ours.Output.NextOfTypeAsync("closed", cts.Token);
        Assert.Equal(0, await ours.Run.WaitAsync(cts.Token));
        await aiortc.NextOfTypeAsync("closed", cts.Token);
    }

    [IsolatedFact]
    public async Task Our_offer_talks_to_our_answer_on_loopback()
    {
        using var cts = Bounded.Timeout(60);
        await using var offerer = new InProcessInterop("--role", "offer", "--include-loopback");
        await using var answerer = new InProcessInterop("--role", "answer", "--include-loopback");
        answerer.Input.WriteLine((await offerer.Output.NextOfTypeAsync("offer", cts.Token)).ToJsonString());
        offerer.Input.WriteLine((await answerer.Output.NextOfTypeAsync("answer", cts.Token)).ToJsonString());
        await offerer.Output.NextOfTypeAsync("open", cts.Token);
        for (var i = 0; i < 50; i++) offerer.Send(new { data = $"line {i}" });
        for (var i = 0; i < 50; i++)
            Assert.Equal($"line {i}", (string?)(await offerer.Output.NextOfTypeAsync("message", cts.Token))["data"]);
        offerer.Input.End();
        Assert.Equal(0, await offerer.Run.WaitAsync(cts.Token));
        await answerer.Output.NextOfTypeAsync("closed", cts.Token);
        Assert.Equal(0, await answerer.Run.WaitAsync(cts.Token));
    }

    [AiortcFact]
    public async Task Process_to_process_our_answer_echoes_aiortc_and_ends_when_it_leaves()
    {
        using var cts = Bounded.Timeout(60);
        await using var aiortc = AiortcPeer.Start("offer");
        await using var ours = OurInteropProcess.Start("--role", "answer");
        await ours.SendAsync(await aiortc.NextOfTypeAsync("offer", cts.Token));
        await aiortc.SendAsync(await ours.NextOfTypeAsync("answer", cts.Token));
        await aiortc.NextOfTypeAsync("open", cts.Token);
        await ours.NextOfTypeAsync("open", cts.Token);
        await aiortc.SendAsync(new { data = "over real pipes" });
        Assert.Equal("over real pipes", (string?)(await aiortc.NextOfTypeAsync("message", cts.Token))["data"]);

        aiortc.CloseInput();
        await ours.NextOfTypeAsync("closed", cts.Token); // noticed while its own stdin is still open
        Assert.Equal(0, await ours.WaitForExitAsync(cts.Token));
    }

    [AiortcFact]
    public async Task Process_to_process_our_offer_reaches_aiortc_and_SIGTERM_ends_cleanly()
    {
        using var cts = Bounded.Timeout(60);
        await using var aiortc = AiortcPeer.Start("answer");
        await using var ours = OurInteropProcess.Start("--role", "offer");
        await aiortc.SendAsync(await ours.NextOfTypeAsync("offer", cts.Token));
        await ours.SendAsync(await aiortc.NextOfTypeAsync("answer", cts.Token));
        await ours.NextOfTypeAsync("open", cts.Token);
        await ours.SendAsync(new { data = "ping" });
        Assert.Equal("ping", (string?)(await ours.NextOfTypeAsync("message", cts.Token))["data"]);

        using (var kill = System.Diagnostics.Process.Start("kill", ["-TERM", ours.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            await kill.WaitForExitAsync(cts.Token);
        await ours.NextOfTypeAsync("closed", cts.Token);
        Assert.Equal(0, await ours.WaitForExitAsync(cts.Token));
        await aiortc.NextOfTypeAsync("closed", cts.Token); // our DTLS close_notify / SCTP shutdown reached it
    }
}
