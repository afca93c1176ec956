using SecureLink.WebRtc.Media;

namespace SecureLink.WebRtc.Interop;

/// <summary>
/// What <c>securelink-host interop --audio-in/--audio-out</c> does with the negotiated audio
/// stream. The WebRtc layer knows no codec, so the host passes an implementation from the Voice
/// layer (Opus over WAV files) into <see cref="InteropCommand.RunAsync(string[], TextReader, TextWriter, TextWriter, IInteropAudio?, CancellationToken)"/>.
/// </summary>
public interface IInteropAudio
{
    /// <summary>
    /// Runs until <paramref name="ct"/> is cancelled (the session ended): sends <paramref name="audioIn"/>
    /// (a WAV file, looping, in real time) when given, and records what arrives to
    /// <paramref name="audioOut"/> when given, writing the file in full before returning.
    /// </summary>
    Task RunAsync(IRtpAudioChannel channel, string? audioIn, string? audioOut, CancellationToken ct);
}
