using SecureLink.Rooms.Chat;

namespace SecureLink.Rooms.Call;

/// <summary>
/// Bodies of the call-signalling chat frames: the 16-byte call id, and for call.mute one more
/// byte (0 unmuted, 1 muted). Bytes after those are ignored, so a later host may append fields
/// an older one skips; anything shorter or a mute byte other than 0/1 is refused.
/// </summary>
public static class CallSignalCodec
{
    /// <summary>The payload (after the chat header) of <paramref name="signal"/>.</summary>
    public static byte[] Encode(CallSignal signal)
    {
        if (!ChatWire.IsCallSignal((byte)signal.Kind))
            throw new ArgumentOutOfRangeException(nameof(signal), "Not a call-signalling kind.");
        var payload = new byte[signal.Kind == ChatFrameKind.CallMute ? CallId.Bytes + 1 : CallId.Bytes];
        signal.Id.Write(payload);
        if (signal.Kind == ChatFrameKind.CallMute) payload[CallId.Bytes] = signal.Muted ? (byte)1 : (byte)0;
        return payload;
    }

    /// <summary>
    /// Reads a received call-signalling frame. False (with a wire error code for the log) when
    /// the payload is too short or the mute flag is not 0/1; never throws for bad input.
    /// </summary>
    public static bool TryDecode(ChatCallSignalFrame frame, out CallSignal signal, out string? error)
    {
        ArgumentNullException.ThrowIfNull(frame);
        signal = default;
        error = null;
        var body = frame.Payload.Span;
        var need = frame.SignalKind == ChatFrameKind.CallMute ? CallId.Bytes + 1 : CallId.Bytes;
        if (body.Length < need)
        {
            error = ChatErrorCodes.Truncated;
            return false;
        }
        var muted = false;
        if (frame.SignalKind == ChatFrameKind.CallMute)
        {
            if (body[CallId.Bytes] > 1)
            {
                error = ChatErrorCodes.BadValue;
                return false;
            }
            muted = body[CallId.Bytes] == 1;
        }
        signal = new CallSignal(frame.SignalKind, CallId.Read(body), muted);
        return true;
    }
}
