using System.Text.Json;
using SecureLink.Host.NativeMessaging;
using SecureLink.Host.Protocol;
using SecureLink.Host.Session;
using SecureLink.Host.Tests.Support;

namespace SecureLink.Host.Tests.Protocol;

/// <summary>The host composition over in-memory streams: snapshots, events, wipe, output limits.</summary>
public sealed class InProcessHostTests
{
    [Fact]
    public async Task State_get_takes_its_snapshot_from_the_session_state()
    {
        var session = new FakeSession(new SessionSnapshot(
            new RoomSnapshot("r1", "creator", "verified", "offline", SafetyCode: "12 34 56"),
            [new ChatMessageSnapshot("ab", "peer", "héllo 'there' <b>", "2026-01-01T00:00:00Z", "delivered")],
            true,
            new CallSnapshot("active", false)));
        var (code, frames) = await InProcessHost.RunAsync(Frames.Of("""{"id":1,"type":"state.get"}"""), _ => session);
        Assert.Equal(0, code);
        var r = InProcessHost.Parse(Assert.Single(frames));
        Assert.Equal("verified", r.GetProperty("room").GetProperty("state").GetString());
        Assert.Equal("12 34 56", r.GetProperty("room").GetProperty("safetyCode").GetString());
        Assert.False(r.GetProperty("room").TryGetProperty("reasonCode", out _));
        Assert.Equal("héllo 'there' <b>", r.GetProperty("messages")[0].GetProperty("text").GetString());
        Assert.True(r.GetProperty("hasOlder").GetBoolean());
        Assert.Equal("active", r.GetProperty("call").GetProperty("state").GetString());
        // The relaxed encoder keeps text as itself rather than \u escapes.
        Assert.Contains("héllo 'there' <b>", System.Text.Encoding.UTF8.GetString(Assert.Single(frames)));
    }

    [Fact]
    public async Task The_session_is_wiped_when_stdin_ends()
    {
        var session = new FakeSession(SessionSnapshot.Empty);
        await InProcessHost.RunAsync([.. Frames.Header(50), 1, 2], _ => session);
        Assert.Equal(1, session.Wipes);
    }

    [Fact]
    public async Task The_session_is_wiped_on_cancellation_even_while_a_read_is_blocked()
    {
        var session = new FakeSession(SessionSnapshot.Empty);
        using var cts = new CancellationTokenSource();
        var blocked = new BlockingStream();
        var run = HostSession.Create(blocked, new MemoryStream(), WebRtc.Transport.NullLog.Instance, _ => session).RunAsync(cts.Token);
        await Task.Delay(100);
        Assert.False(run.IsCompleted);
        await cts.CancelAsync();
        Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(1, session.Wipes);
        blocked.Release();
    }

    [Fact]
    public async Task Events_go_out_as_whole_frames_between_responses()
    {
        IEventSink? sink = null;
        var session = new FakeSession(SessionSnapshot.Empty);
        var requests = new List<byte>();
        for (var i = 0; i < 200; i++) requests.AddRange(Frames.Of($$"""{"id":{{i}},"type":"state.get"}"""));
        var output = new MemoryStream();
        var gate = new TaskCompletionSource();
        var stdin = new ConcatStream(requests.ToArray(), new GateStream(gate.Task));
        var host = HostSession.Create(stdin, output, WebRtc.Transport.NullLog.Instance, s => { sink = s; return session; });
        var run = host.RunAsync(CancellationToken.None);

        // Events from several threads while requests are answered.
        var emitters = Enumerable.Range(0, 4).Select(t => Task.Run(async () =>
        {
            for (var i = 0; i < 100; i++)
                await sink!.EmitAsync(new ChatMessageEvent($"m{t}-{i}", "peer", new string('x', 5000), "2026-01-01T00:00:00Z"), HostJson.Context.ChatMessageEvent, CancellationToken.None);
        })).ToArray();
        await Task.WhenAll(emitters).WaitAsync(TimeSpan.FromSeconds(20));
        gate.SetResult();
        Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(20)));

        var frames = Frames.Split(output.ToArray()).Select(InProcessHost.Parse).ToList();
        var events = frames.Where(f => f.TryGetProperty("event", out _)).ToList();
        var responses = frames.Where(f => f.TryGetProperty("id", out _)).ToList();
        Assert.Equal(400, events.Count);
        Assert.All(events, e => Assert.Equal("chat.message", e.GetProperty("event").GetString()));
        Assert.Equal(Enumerable.Range(0, 200).Select(i => (long)i), responses.Select(r => r.GetProperty("id").GetInt64()));
        // Each emitter's events keep their order.
        for (var t = 0; t < 4; t++)
            Assert.Equal(Enumerable.Range(0, 100).Select(i => $"m{t}-{i}"),
                events.Select(e => e.GetProperty("messageId").GetString()).Where(id => id!.StartsWith($"m{t}-", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task An_event_over_one_mebibyte_is_dropped_not_sent()
    {
        var queue = new OutputQueue(WebRtc.Transport.NullLog.Instance);
        await queue.EmitAsync(new ChatMessageEvent("big", "peer", new string('x', 1024 * 1024), "t"), HostJson.Context.ChatMessageEvent, CancellationToken.None);
        await queue.EmitAsync(new ChatTypingEvent(true), HostJson.Context.ChatTypingEvent, CancellationToken.None);
        queue.Complete();
        var output = new MemoryStream();
        await queue.RunAsync(new SecureLink.Host.Framing.FrameWriter(output), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20));
        var frame = InProcessHost.Parse(Assert.Single(Frames.Split(output.ToArray())));
        Assert.Equal("chat.typing", frame.GetProperty("event").GetString());
        Assert.True(frame.GetProperty("typing").GetBoolean());
        Assert.Equal(1, queue.DroppedFrames);
    }

    [Fact]
    public async Task A_response_over_one_mebibyte_becomes_response_too_large_with_its_id()
    {
        var hugeHistory = Enumerable.Range(0, 20).Select(i => new ChatMessageSnapshot($"{i}", "me", new string('y', 65_536), "t", "sent")).ToList();
        var (_, frames) = await InProcessHost.RunAsync(Frames.Of("""{"id":9,"type":"state.get"}"""), _ => new FakeSession(new SessionSnapshot(null, hugeHistory, false, null)));
        Json.AssertError(InProcessHost.Parse(Assert.Single(frames)), 9, "response_too_large");
    }

    [Fact]
    public async Task Event_records_serialize_with_the_event_name_first()
    {
        var queue = new OutputQueue(WebRtc.Transport.NullLog.Instance);
        await queue.EmitAsync(new RoomStateEvent("failed", ReasonCode: "wrong_pin", Reason: "The PIN was wrong.", FailedAttempts: 1), HostJson.Context.RoomStateEvent, CancellationToken.None);
        await queue.EmitAsync(new CallStatsEvent(12.5, 0, 3, 4.3, 0.25), HostJson.Context.CallStatsEvent, CancellationToken.None);
        await queue.EmitAsync(new CallStatsEvent(null, 1.5, 3, 4.1, 0), HostJson.Context.CallStatsEvent, CancellationToken.None);
        await queue.EmitAsync(new CallStateEvent("ended", false, true, ReasonCode: "peer_hung_up", Reason: "The other person ended the call."), HostJson.Context.CallStateEvent, CancellationToken.None);
        queue.Complete();
        var output = new MemoryStream();
        await queue.RunAsync(new SecureLink.Host.Framing.FrameWriter(output), CancellationToken.None);
        var texts = Frames.Split(output.ToArray()).Select(f => System.Text.Encoding.UTF8.GetString(f)).ToList();
        Assert.Equal("""{"event":"room.state","state":"failed","reasonCode":"wrong_pin","reason":"The PIN was wrong.","failedAttempts":1}""", texts[0]);
        Assert.StartsWith("""{"event":"call.stats","rttMs":12.5,"lossPct":0,"jitterMs":3,"mos":4.3,"micLevel":0.25,""", texts[1]);
        Assert.StartsWith("""{"event":"call.stats","lossPct":1.5,""", texts[2]); // no RTT before the first RTCP report
        Assert.Equal("""{"event":"call.state","state":"ended","muted":false,"peerMuted":true,"reasonCode":"peer_hung_up","reason":"The other person ended the call."}""", texts[3]);
    }

    [Fact]
    public async Task Later_layers_plug_in_handlers_that_replace_not_implemented_and_raise_events()
    {
        var input = Frames.Of("""{"id":1,"type":"chat.typing","typing":true}""").Concat(Frames.Of("""{"id":2,"type":"chat.typing"}""")).ToArray();
        var output = new MemoryStream();
        var host = HostSession.Create(new MemoryStream(input), output, WebRtc.Transport.NullLog.Instance,
            addHandlers: (dispatcher, _, events) => dispatcher.Register("chat.typing", new TypingHandler(events)));
        Assert.Equal(0, await host.RunAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20)));
        var frames = Frames.Split(output.ToArray()).Select(InProcessHost.Parse).ToList();
        Assert.Equal(3, frames.Count);
        Assert.Equal("chat.typing", frames[0].GetProperty("event").GetString());
        Json.AssertOk(frames[1], 1);
        Json.AssertError(frames[2], 2, "missing_field");
    }

    private sealed class TypingHandler(IEventSink events) : SecureLink.Host.Dispatch.IRequestHandler
    {
        public async ValueTask<SecureLink.Host.Dispatch.Reply> HandleAsync(Request request, CancellationToken cancellationToken)
        {
            var typing = RequestFields.RequireBoolean(request.Body, "typing");
            await events.EmitAsync(new ChatTypingEvent(typing), HostJson.Context.ChatTypingEvent, cancellationToken);
            return SecureLink.Host.Dispatch.Reply.Of(new EmptyResponse(request.Id), HostJson.Context.EmptyResponse);
        }
    }

    private sealed class FakeSession(SessionSnapshot snapshot) : ISessionState
    {
        public int Wipes { get; private set; }
        public SessionSnapshot GetSnapshot() => snapshot;
        public void Wipe() => Wipes++;
    }

    [Fact]
    public async Task Events_after_the_host_stopped_are_dropped_quietly()
    {
        IEventSink? sink = null;
        var (code, frames) = await InProcessHost.RunAsync([], s => { sink = s; return new FakeSession(SessionSnapshot.Empty); });
        await sink!.EmitAsync(new ChatTypingEvent(false), HostJson.Context.ChatTypingEvent, CancellationToken.None);
        Assert.Equal(0, code);
        Assert.Empty(frames);
    }

    [Fact]
    public async Task A_response_after_shutdown_is_dropped_quietly()
    {
        var queue = new OutputQueue(WebRtc.Transport.NullLog.Instance);
        queue.Complete();
        await queue.SendResponseAsync(1, SecureLink.Host.Dispatch.Reply.Of(new EmptyResponse(1), HostJson.Context.EmptyResponse), CancellationToken.None);
        Assert.Equal(1, queue.DroppedFrames);
    }

    /// <summary>Ends (returns 0) only when the gate opens, like a browser that keeps the pipe open.</summary>
    private sealed class GateStream(Task gate) : ReadOnlyTestStream
    {
        public override int Read(Span<byte> buffer)
        {
            gate.Wait(TimeSpan.FromSeconds(30));
            return 0;
        }
    }

    private sealed class BlockingStream : ReadOnlyTestStream
    {
        private readonly ManualResetEventSlim _gate = new();
        public void Release() => _gate.Set();
        public override int Read(Span<byte> buffer)
        {
            _gate.Wait(TimeSpan.FromSeconds(30));
            return 0;
        }
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            _gate.Wait(TimeSpan.FromSeconds(30));   // like a pipe read: ignores the token
            return ValueTask.FromResult(0);
        }
    }
}
