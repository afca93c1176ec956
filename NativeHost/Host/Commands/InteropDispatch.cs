using SecureLink.Voice.Interop;
using SecureLink.WebRtc.Interop;

namespace SecureLink.Host.Commands;

/// <summary>
/// <c>securelink-host interop ...</c> (DESIGN.md §4b). The endpoint is a plain WebRTC peer that
/// lives in the WebRtc layer, so any other stack can be pointed at ours without rooms or PINs;
/// the Voice layer's <see cref="InteropAudio"/> serves --audio-in/--audio-out.
/// </summary>
public static class InteropDispatch
{
    public static Task<int> RunAsync(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken) =>
        InteropCommand.RunAsync(args, stdin, stdout, stderr, new InteropAudio(), cancellationToken);
}
