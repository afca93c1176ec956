using System.Text.Json;
using SecureLink.Host.Protocol;
using SecureLink.Host.Session;

namespace SecureLink.Host.Dispatch.Handlers;

/// <summary>Registers <c>audio.test_tone</c> and <c>audio.monitor</c>, and makes <c>room.leave</c> stop both checks.</summary>
public static class AudioTestHandlers
{
    /// <summary>Call after <see cref="RoomHandlers.Register"/>: its <c>room.leave</c> is wrapped here.</summary>
    public static void Register(RequestDispatcher dispatcher, AudioChecks checks, RoomHost rooms)
    {
        dispatcher.Register("audio.test_tone", new AudioTestToneHandler(checks));
        dispatcher.Register("audio.monitor", new AudioMonitorHandler(checks));
        dispatcher.Register("room.leave", new StopsAudioChecksHandler(checks, new RoomLeaveHandler(rooms)));
    }

    /// <summary>An optional device id: absent or null means "the one a call would use".</summary>
    internal static string? OptionalDevice(JsonElement body, string name) =>
        body.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? RequestFields.RequireString(body, name) : null;
}

/// <summary><c>audio.test_tone</c> {output?}: a one-second 440 Hz tone; answered when it starts, <c>audio.tone</c> when it ends.</summary>
public sealed class AudioTestToneHandler(AudioChecks checks) : IRequestHandler
{
    public async ValueTask<Reply> HandleAsync(Request request, CancellationToken cancellationToken)
    {
        var spec = await checks.OutputAsync(AudioTestHandlers.OptionalDevice(request.Body, "output"), cancellationToken).ConfigureAwait(false);
        var durationMs = checks.Tone.Play(spec);
        return Reply.Of(new AudioTestToneResponse(request.Id, durationMs), AudioTestJsonContext.Default.AudioTestToneResponse);
    }
}

/// <summary><c>audio.monitor</c> {on, input?, maxSeconds?}: opens or closes the microphone under test.</summary>
public sealed class AudioMonitorHandler(AudioChecks checks) : IRequestHandler
{
    public async ValueTask<Reply> HandleAsync(Request request, CancellationToken cancellationToken)
    {
        var on = RequestFields.RequireBoolean(request.Body, "on");
        if (!on)
        {
            await checks.Monitor.StopAsync(null).ConfigureAwait(false);
            return Reply.Of(new AudioMonitorResponse(request.Id, false), AudioTestJsonContext.Default.AudioMonitorResponse);
        }
        var limit = (int)MicrophoneMonitor.MaxLimit.TotalSeconds;
        var seconds = RequestFields.OptionalInt32(request.Body, "maxSeconds", 1, limit) ?? limit;
        var spec = await checks.InputAsync(AudioTestHandlers.OptionalDevice(request.Body, "input"), cancellationToken).ConfigureAwait(false);
        await checks.Monitor.StartAsync(spec, TimeSpan.FromSeconds(seconds), cancellationToken).ConfigureAwait(false);
        return Reply.Of(new AudioMonitorResponse(request.Id, true, seconds), AudioTestJsonContext.Default.AudioMonitorResponse);
    }
}

/// <summary>Leaving a room also ends any audio check, so nothing stays open after the person is done.</summary>
public sealed class StopsAudioChecksHandler(AudioChecks checks, IRequestHandler inner) : IRequestHandler
{
    public async ValueTask<Reply> HandleAsync(Request request, CancellationToken cancellationToken)
    {
        var reply = await inner.HandleAsync(request, cancellationToken).ConfigureAwait(false);
        await checks.StopAllAsync(AudioTestCodes.RoomLeft).ConfigureAwait(false);
        return reply;
    }
}
