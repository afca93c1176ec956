namespace SecureLink.Rooms.Call;

/// <summary>
/// The audio of one active call (capture → Opus → RTP and back), as the room sees it. The
/// product wraps SecureLink.Voice's VoiceCall; this seam keeps
/// the call's control (signalling, timers, events) apart from the media it starts and stops.
/// </summary>
public interface ICallAudio : IAsyncDisposable
{
    /// <summary>Starts capture and playback (idempotent).</summary>
    void Start();

    /// <summary>Muted: no audio is sent and the mic level reads 0.</summary>
    bool Muted { get; set; }

    CallAudioStats GetStatistics();

    /// <summary>A device failed (one sentence); the call goes on with that side silent.</summary>
    event Action<string>? DeviceFailed;
}
