using SecureLink.Rooms.Chat;

namespace SecureLink.Rooms.Call;

/// <summary>
/// One call-signalling message between the two hosts, carried as a chat frame of kind
/// <see cref="ChatFrameKind.CallOffer"/> .. <see cref="ChatFrameKind.CallMute"/>
/// (layout in docs/chat-protocol.md, codec in <see cref="CallSignalCodec"/>).
/// <see cref="Muted"/> means something only for <see cref="ChatFrameKind.CallMute"/>.
/// </summary>
public readonly record struct CallSignal(ChatFrameKind Kind, CallId Id, bool Muted = false)
{
    public override string ToString() => $"{Kind} {Id.ForLog()}{(Kind == ChatFrameKind.CallMute ? Muted ? " muted" : " unmuted" : "")}";
}
