namespace SecureLink.Rooms.Chat;

/// <summary>The second byte of every chat frame. Numbers are protocol: never renumber.</summary>
public enum ChatFrameKind : byte
{
    /// <summary>A chat message: id, sentAt, UTF-8 text.</summary>
    Message = 0x01,
    /// <summary>Delivery receipt: the id of a message received.</summary>
    Receipt = 0x02,
    /// <summary>Typing hint: one byte, 0 or 1.</summary>
    Typing = 0x03,

    // 0x10..0x1F: call signalling, reserved for the voice work. Decoded as
    // ChatCallSignalFrame with an opaque payload so the call layer can define it later.
    /// <summary>Reserved: call offer.</summary>
    CallOffer = 0x10,
    /// <summary>Reserved: the callee is ringing.</summary>
    CallRing = 0x11,
    /// <summary>Reserved: call accepted.</summary>
    CallAccept = 0x12,
    /// <summary>Reserved: call declined.</summary>
    CallDecline = 0x13,
    /// <summary>Reserved: call hung up.</summary>
    CallHangup = 0x14,
    /// <summary>Reserved: mute state changed.</summary>
    CallMute = 0x15,
}
