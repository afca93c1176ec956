using System.Text.Json.Nodes;
using System.Threading.Channels;
using SecureLink.WebRtc.DataChannels;
using SecureLink.WebRtc.Transport;

namespace SecureLink.WebRtc.Interop;

/// <summary>
/// <c>securelink-host interop --role answer|offer</c> (DESIGN.md §4b): a plain
/// WebRTC data channel endpoint driven by JSON lines, so any other stack
/// (Chromium, aiortc) can be tested against ours process to process. The line
/// protocol is spelled out in <see cref="InteropOptions.Usage"/>; tests/interop/aiortc_peer.py
/// speaks the same one.
/// </summary>
public static class InteropCommand
{
    /// <summary>Runs the command without audio support; returns the process exit code (0 ended normally, 1 failed, 2 usage).</summary>
    public static Task<int> RunAsync(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr, CancellationToken ct) =>
        RunAsync(args, stdin, stdout, stderr, audio: null, ct);

    /// <summary>
    /// Runs the command; <paramref name="audio"/> (from the Voice layer) serves --audio-in/--audio-out
    /// and is handed the audio channel once SRTP is up. Without it those options are a usage error.
    /// </summary>
    public static async Task<int> RunAsync(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr, IInteropAudio? audio, CancellationToken ct)
    {
        var options = InteropOptions.Parse(args, out var usageError);
        if (options is null)
        {
            if (usageError is null)
            {
                await stdout.WriteLineAsync(InteropOptions.Usage).ConfigureAwait(false);
                return 0;
            }
            await stderr.WriteLineAsync(usageError).ConfigureAwait(false);
            return 2;
        }
        if (options.WantsAudio && audio is null)
        {
            await stderr.WriteLineAsync("interop: --audio-in/--audio-out need the voice engine, which this build does not pass in.").ConfigureAwait(false);
            return 2;
        }

        var output = new JsonLineWriter(stdout);
        var log = LogSettings.FromEnvironment(Environment.GetEnvironmentVariable, () => stderr);
        try
        {
            await using var pc = new RtcPeerConnection(new RtcConfiguration
            {
                StunServers = options.StunServers,
                IncludeLoopback = options.IncludeLoopback,
                Audio = options.WantsAudio,
                Log = log,
            });
            // Declared after the connection, so it is disposed first: the hook stops (and writes
            // its recording) while the channel still exists.
            await using var link = audio is null || !options.WantsAudio
                ? null
                : new InteropAudioLink(pc, audio, options.AudioIn, options.AudioOut, stderr, ct);
            var session = new InteropSession(pc, new JsonLineReader(stdin), output);
            var ok = options.Role == "answer"
                ? await session.RunAnswerAsync(ct).ConfigureAwait(false)
                : await session.RunOfferAsync(ct).ConfigureAwait(false);
            if (link is not null)
            {
                await link.DisposeAsync().ConfigureAwait(false);
                if (link.Failure is not null) return 1;
            }
            if (!ok)
            {
                await stderr.WriteLineAsync($"interop: {session.Error}").ConfigureAwait(false);
                return 1;
            }
            return 0;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            output.Closed();
            return 0;
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or IOException)
        {
            output.Error(e.Message);
            await stderr.WriteLineAsync($"interop: {e.Message}").ConfigureAwait(false);
            return 1;
        }
    }
}

/// <summary>One run of either role, over one peer connection.</summary>
internal sealed class InteropSession(RtcPeerConnection pc, JsonLineReader stdin, JsonLineWriter output)
{
    private readonly TaskCompletionSource<string?> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Why the run failed, when it did.</summary>
    public string? Error { get; private set; }

    public async Task<bool> RunAnswerAsync(CancellationToken ct)
    {
        var echo = Channel.CreateUnbounded<(DataChannel Channel, DataChannelMessage Message)>(new UnboundedChannelOptions { SingleReader = true });
        pc.DataChannelOpened += channel =>
        {
            channel.MessageReceived += m => echo.Writer.TryWrite((channel, m));
            channel.ClosedEvent += () => _ended.TrySetResult(null);
            output.Open(channel.Label);
        };
        WatchConnection();

        var offer = await stdin.NextAsync(ct).ConfigureAwait(false)
            ?? throw new InvalidOperationException("input ended before the offer line");
        if (JsonLineReader.Type(offer) != "offer" || JsonLineReader.StringField(offer, "sdp") is not { } offerSdp)
            throw new FormatException("the first input line must be {\"type\":\"offer\",\"sdp\":...}");
        output.Description("answer", await pc.CreateAnswerAsync(offerSdp, ct).ConfigureAwait(false));

        // One loop sends the echoes, so they leave in the order they came.
        var echoing = Task.Run(async () =>
        {
            await foreach (var (channel, message) in echo.Reader.ReadAllAsync(ct).ConfigureAwait(false))
            {
                if (channel.State != DataChannelState.Open) continue;
                if (message.IsText) await channel.SendAsync(message.Text, ct).ConfigureAwait(false);
                else await channel.SendAsync(message.Data, ct).ConfigureAwait(false);
            }
        }, ct);
        var reading = DrainInputAsync(ct);
        var failure = await Task.WhenAny(_ended.Task, reading).Unwrap().ConfigureAwait(false);
        echo.Writer.TryComplete();
        try { await echoing.ConfigureAwait(false); } catch (Exception) when (failure is not null || ct.IsCancellationRequested) { }
        return Finish(failure);
    }

    public async Task<bool> RunOfferAsync(CancellationToken ct)
    {
        WatchConnection();
        // Asked for before the offer; the channel opens once SCTP is up.
        var channel = pc.CreateDataChannel("echo");
        var opened = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        channel.Opened += () => opened.TrySetResult();
        channel.MessageReceived += output.Message;
        channel.ClosedEvent += () => _ended.TrySetResult(null);
        output.Description("offer", await pc.CreateOfferAsync(ct).ConfigureAwait(false));
        var answer = await stdin.NextAsync(ct).ConfigureAwait(false)
            ?? throw new InvalidOperationException("input ended before the answer line");
        if (JsonLineReader.Type(answer) != "answer" || JsonLineReader.StringField(answer, "sdp") is not { } answerSdp)
            throw new FormatException("the line after the offer must be {\"type\":\"answer\",\"sdp\":...}");
        await pc.SetRemoteAnswerAsync(answerSdp, ct).ConfigureAwait(false);

        if (channel.State != DataChannelState.Open
            && await Task.WhenAny(opened.Task, _ended.Task).ConfigureAwait(false) != opened.Task)
        {
            return Finish(await _ended.Task.ConfigureAwait(false) ?? "the connection closed before the channel opened");
        }
        output.Open(channel.Label);

        var sending = SendInputAsync(channel, ct);
        var failure = await Task.WhenAny(_ended.Task, sending).Unwrap().ConfigureAwait(false);
        if (failure is null && pc.ConnectionState == PeerConnectionState.Connected && channel.State == DataChannelState.Open)
        {
            using var grace = CancellationTokenSource.CreateLinkedTokenSource(ct);
            grace.CancelAfter(TimeSpan.FromSeconds(5));
            try { await channel.CloseAsync(grace.Token).ConfigureAwait(false); }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested) { /* the peer did not answer the reset; leaving anyway */ }
        }
        return Finish(failure);
    }

    private void WatchConnection()
    {
        pc.ConnectionStateChanged += (_, to) =>
        {
            if (to == PeerConnectionState.Failed) _ended.TrySetResult(pc.FailureReason ?? "the connection failed");
            else if (to == PeerConnectionState.Closed) _ended.TrySetResult(null);
        };
    }

    /// <summary>Answer role: input after the offer only matters for "close" and end of input.</summary>
    private async Task<string?> DrainInputAsync(CancellationToken ct)
    {
        while (await stdin.NextAsync(ct).ConfigureAwait(false) is { } line)
            if (JsonLineReader.Type(line) == "close") break;
        return null;
    }

    /// <summary>Offer role: each line's "data" (text) or "binary" (base64) goes out once the channel is open.</summary>
    private async Task<string?> SendInputAsync(DataChannel channel, CancellationToken ct)
    {
        while (await stdin.NextAsync(ct).ConfigureAwait(false) is { } line)
        {
            if (JsonLineReader.Type(line) == "close") break;
            var text = JsonLineReader.StringField(line, "data");
            var binary = JsonLineReader.StringField(line, "binary");
            if (text is null && binary is null) continue;
            if (channel.State != DataChannelState.Open) return _ended.Task.IsCompleted ? await _ended.Task.ConfigureAwait(false) : "the channel is not open";
            if (text is not null) await channel.SendAsync(text, ct).ConfigureAwait(false);
            else
            {
                byte[] bytes;
                try { bytes = Convert.FromBase64String(binary!); }
                catch (FormatException) { throw new FormatException("an input line's \"binary\" field is not base64"); }
                await channel.SendAsync(bytes, ct).ConfigureAwait(false);
            }
        }
        // Let what was queued leave before the caller closes.
        while (channel.BufferedAmount > 0 && channel.State == DataChannelState.Open && !_ended.Task.IsCompleted)
            await Task.Delay(10, ct).ConfigureAwait(false);
        return null;
    }

    private bool Finish(string? failure)
    {
        if (failure is not null)
        {
            Error = failure;
            output.Error(failure);
            return false;
        }
        output.Closed();
        return true;
    }
}
