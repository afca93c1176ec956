namespace SecureLink.Voice.Codec;

/// <summary>How a 20 ms output frame was produced.</summary>
public enum VoiceDecodeStatus
{
    /// <summary>Decoded from the packet that carried this frame.</summary>
    Decoded,
    /// <summary>Rebuilt from the in-band FEC copy carried by the next packet.</summary>
    RecoveredByFec,
    /// <summary>Invented by the decoder's packet-loss concealment.</summary>
    Concealed,
    /// <summary>The payload was not valid Opus; the frame was concealed instead.</summary>
    InvalidPayload,
}

/// <summary>One decode's outcome: how the frame was made and how many samples were written.</summary>
/// <param name="Status">How the frame was produced.</param>
/// <param name="Samples">Samples written (960 for a normal 20 ms frame).</param>
/// <param name="Error">Why the payload was refused (only for <see cref="VoiceDecodeStatus.InvalidPayload"/>).</param>
public readonly record struct VoiceDecodeResult(VoiceDecodeStatus Status, int Samples, string? Error = null);
