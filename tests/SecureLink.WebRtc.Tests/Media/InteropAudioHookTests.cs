using SecureLink.WebRtc.Interop;
using SecureLink.WebRtc.Media;
using SecureLink.WebRtc.Tests.Infrastructure;

namespace SecureLink.WebRtc.Tests.Media;

/// <summary>
/// <c>interop --audio-in/--audio-out</c>: the endpoint negotiates audio and hands the channel to
/// the host's <see cref="IInteropAudio"/> once SRTP is up, and stops it (so a recording can be
/// written) before the command returns. The hook here stands in for the Voice layer's.
/// </summary>
public sealed class InteropAudioHookTests
{
    private sealed class RecordingHook : IInteropAudio
    {
        public int Received;
        public string? AudioIn, AudioOut;
        public readonly TaskCompletionSource Started = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public readonly TaskCompletionSource TwentyArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public volatile bool Stopped;

        public async Task RunAsync(IRtpAudioChannel channel, string? audioIn, string? audioOut, CancellationToken ct)
        {
            AudioIn = audioIn;
            AudioOut = audioOut;
            Started.TrySetResult();
            try
            {
                var sending = audioIn is null ? Task.CompletedTask : AudioStreamer.SendAsync(channel, 0, 100_000, 0, ct);
                await foreach (var _ in channel.Received.ReadAllAsync(ct))
                    if (Interlocked.Increment(ref Received) == 20) TwentyArrived.TrySetResult();
                await sending;
            }
            finally
            {
                Stopped = true; // where the real hook writes its WAV
            }
        }
    }

    [IsolatedFact]
    public async Task The_hook_gets_the_channel_audio_flows_and_the_hook_is_stopped_before_the_command_returns()
    {
        using var cts = Bounded.Timeout(60);
        var input = typeof(InteropAudioHookTests).Assembly.Location; // any existing file: this hook never reads it
        var sendHook = new RecordingHook();
        var recordHook = new RecordingHook();
        await using var offerer = new InProcessInterop(sendHook, "--role", "offer", "--include-loopback", "--audio-in", input);
        await using var answerer = new InProcessInterop(recordHook, "--role", "answer", "--include-loopback", "--audio-out", "/nonexistent/out.wav");
        var offer = await offerer.Output.NextOfTypeAsync("offer", cts.Token);
        Assert.Contains("m=audio", (string?)offer["sdp"]);
        answerer.Input.WriteLine(offer.ToJsonString());
        offerer.Input.WriteLine((await answerer.Output.NextOfTypeAsync("answer", cts.Token)).ToJsonString());
        await offerer.Output.NextOfTypeAsync("open", cts.Token);
        await Task.WhenAll(sendHook.Started.Task, recordHook.Started.Task).WaitAsync(cts.Token);
        Assert.Equal((input, (string?)null), (sendHook.AudioIn, sendHook.AudioOut));
        Assert.Equal((null, "/nonexistent/out.wav"), (recordHook.AudioIn, recordHook.AudioOut));
        await recordHook.TwentyArrived.Task.WaitAsync(cts.Token);

        offerer.Input.End();
        Assert.Equal(0, await offerer.Run.WaitAsync(cts.Token));
        Assert.True(sendHook.Stopped);
        await answerer.Output.NextOfTypeAsync("closed", cts.Token);
        Assert.Equal(0, await answerer.Run.WaitAsync(cts.Token));
        Assert.True(recordHook.Stopped);
    }
}
