namespace SecureLink.Host.Protocol;

/// <summary>Answer to <c>room.create</c>: the invite (text and QR SVG), the PIN to say aloud, and when the invite expires (ISO 8601 UTC).</summary>
public sealed record RoomCreateResponse(long Id, string RoomId, string Invite, string InviteQrSvg, string Pin, string ExpiresAt) : OkResponse(Id);

/// <summary>Answer to <c>room.join</c>: the reply code for the creator (text and QR SVG).</summary>
public sealed record RoomJoinResponse(long Id, string RoomId, string Reply, string ReplyQrSvg) : OkResponse(Id);

/// <summary>Answer to <c>chat.send</c>: the id the message has on both sides (32 lower-case hex).</summary>
public sealed record ChatSendResponse(long Id, string MessageId) : OkResponse(Id);

/// <summary>Answer to <c>chat.history</c>: messages just older than the one asked about, oldest first.</summary>
public sealed record ChatHistoryResponse(long Id, IReadOnlyList<ChatMessageSnapshot> Messages, bool HasOlder) : OkResponse(Id);

/// <summary>Answer to <c>qr.decode</c>: the text of the QR code found in the image.</summary>
public sealed record QrDecodeResponse(long Id, string Text) : OkResponse(Id);
