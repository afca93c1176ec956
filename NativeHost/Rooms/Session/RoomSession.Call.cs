using SecureLink.Rooms.Call;
using SecureLink.Rooms.Chat;
using SecureLink.WebRtc;
using SecureLink.WebRtc.Media;

namespace SecureLink.Rooms.Session;

/// <summary>
/// The room's voice call: signalling rides the verified chat channel (<see cref="CallSignalCodec"/>),
/// the <see cref="CallMachine"/> decides, and this part carries out what it decides: frames to the
/// peer, <see cref="RoomCallChanged"/> / <see cref="RoomCallStats"/> through the room's one event
/// loop, and a <see cref="CallMedia"/> (the voice layer's call over the connection's audio
/// channel) for as long as the call is active.
/// </summary>
public sealed partial class RoomSession
{
    private CallMachine? _callMachine;
    private CallMedia? _media;
    private Task _mediaStopped = Task.CompletedTask;

    /// <summary>The call now, or null when there is none.</summary>
    public CallView? Call => _callMachine?.Current;

    /// <summary>Calls the peer. <c>no_room</c> unless verified, <c>call_busy</c> while a call exists.</summary>
    public void StartCall() => CallRequest(m => m.Start());

    /// <summary>Answers the incoming call; <c>no_call</c> when there is none.</summary>
    public void AcceptCall() => CallRequest(m => m.Accept());

    /// <summary>Refuses the incoming call; <c>no_call</c> when there is none.</summary>
    public void DeclineCall() => CallRequest(m => m.Decline());

    /// <summary>Ends (or cancels, or declines) the call; <c>no_call</c> when there is none.</summary>
    public void HangupCall() => CallRequest(m => m.Hangup());

    /// <summary>Our microphone switch; <c>no_call</c> when there is no call.</summary>
    public void MuteCall(bool muted) => CallRequest(m => m.SetMuted(muted));

    private void CallRequest(Action<CallMachine> request)
    {
        VerifiedChat(); // no_room before anything else
        try
        {
            request(_callMachine!);
        }
        catch (CallException e)
        {
            throw new RoomException(e.Code, e.Message);
        }
    }

    private CallMachine NewCallMachine() => new(new CallEffects(this), _time, _options.RingTimeout, _log);

    /// <summary>Called once verified, before the chat gate opens, so no early signal is missed.</summary>
    private void ListenForCalls(ChatSession chat) => chat.CallSignalReceived += OnCallSignal;

    private void OnCallSignal(ChatCallSignalFrame frame)
    {
        if (!CallSignalCodec.TryDecode(frame, out var signal, out var error))
        {
            Log(WebRtc.Transport.LogLevel.Debug, $"dropped a call signal: {error}");
            return;
        }
        _callMachine?.OnSignal(signal);
    }

    /// <summary>
    /// The connection's negotiated audio stream, or null (a peer that offered no audio).
    /// </summary>
    private IRtpAudioChannel? AudioChannel()
    {
        Attempt? attempt;
        lock (_gate) attempt = _attempt;
        return attempt is null ? null : AudioChannelOf(attempt.Pc);
    }

    private static IRtpAudioChannel? AudioChannelOf(RtcPeerConnection pc) => pc.AudioChannel;

    private ICallAudio OpenAudio(IRtpAudioChannel channel) => VoiceCallAudio.Open(channel, _options.CallDevices, _log);

    private async Task StopCallMediaAsync()
    {
        try
        {
            await _mediaStopped.WaitAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            Log(WebRtc.Transport.LogLevel.Error, "the call's audio took too long to close");
        }
    }

    private void SendCallSignal(CallSignal signal)
    {
        ChatSession? chat;
        lock (_gate) chat = _chat;
        if (chat is null) return;
        try
        {
            // Enqueued synchronously (in the chat's frame order); the send itself finishes later.
            _ = ObserveSend(chat.SendCallSignalAsync(signal.Kind, CallSignalCodec.Encode(signal)));
        }
        catch (ChatException)
        {
            // The chat closed under the call: the room is ending and says so itself.
        }
    }

    private async Task ObserveSend(Task sending)
    {
        try
        {
            await sending.ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Log(WebRtc.Transport.LogLevel.Debug, $"call signal not sent: {e.GetType().Name}");
        }
    }

    /// <summary>Carries out the machine's decisions. Runs under the machine's lock: queue, never block.</summary>
    private sealed class CallEffects(RoomSession room) : ICallEffects
    {
        private const string NoAudioStream = "No audio stream was set up with the other person's host, so this call is silent.";

        public void Send(CallSignal signal) => room.SendCallSignal(signal);

        public void Changed(CallView view) => room.Raise(new RoomCallChanged(view));

        public void StartMedia(CallId id, bool muted)
        {
            var channel = room.AudioChannel();
            if (channel is null)
            {
                ThreadPool.QueueUserWorkItem(_ => room._callMachine?.ReportDeviceProblem(id, NoAudioStream));
                return;
            }
            var media = new CallMedia(id, () => room.OpenAudio(channel), muted, room._time, room._options.CallStatsInterval,
                stats => room.Raise(new RoomCallStats(stats)),
                (callId, sentence) => room._callMachine?.ReportDeviceProblem(callId, sentence),
                (callId, reason) => room._callMachine?.Fail(callId, reason),
                room._log);
            room._media = media;
            media.Start();
        }

        public void MuteMedia(bool muted) => room._media?.SetMuted(muted);

        public void StopMedia()
        {
            var media = room._media;
            room._media = null;
            if (media is not null) room._mediaStopped = media.Stop();
        }
    }
}
