namespace SecureLink.Rooms.Call;

/// <summary>
/// What the <see cref="CallMachine"/> asks its owner to do. Called under the machine's lock, in
/// the order of the transition, so implementations must only queue (send, raise an event, start
/// a task) and never block or call back into the machine.
/// </summary>
public interface ICallEffects
{
    /// <summary>Send this signal to the peer (in order with every other chat frame).</summary>
    void Send(CallSignal signal);

    /// <summary>The call changed (an <see cref="CallState.Ended"/> view is the last one of a call).</summary>
    void Changed(CallView view);

    /// <summary>The call became active: start capture, playback and the statistics ticks.</summary>
    void StartMedia(CallId id, bool muted);

    /// <summary>Our mute switch changed while media may be running.</summary>
    void MuteMedia(bool muted);

    /// <summary>The call ended: stop media (before the ended view is announced, so no statistics follow it).</summary>
    void StopMedia();
}
