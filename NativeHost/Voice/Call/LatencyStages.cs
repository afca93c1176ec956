namespace SecureLink.Voice.Call;

/// <summary>
/// Averages of the delay each stage of a call adds, as this end measures them; a sender's capture
/// and send stages plus the network plus the receiver's jitter and playback stages, plus the 20 ms
/// frame itself, make the mouth-to-ear delay.
/// </summary>
/// <param name="CaptureMs">The microphone device: a frame's last sample captured → our read returns it (0 when the device cannot tell).</param>
/// <param name="SendMs">Frame read → its packet handed to the transport (the queue, Opus encoding, SRTP).</param>
/// <param name="JitterWaitMs">Packet arrived → taken for playout (the jitter buffer, and waiting for the speaker's next pull).</param>
/// <param name="PlaybackMs">The speaker device: the queue ahead of each frame we write (0 when the device cannot tell).</param>
public readonly record struct LatencyStages(double CaptureMs, double SendMs, double JitterWaitMs, double PlaybackMs);
