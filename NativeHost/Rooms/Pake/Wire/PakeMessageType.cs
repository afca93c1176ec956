namespace SecureLink.Rooms.Pake.Wire;

/// <summary>Second byte of every PAKE message.</summary>
internal enum PakeMessageType : byte
{
    /// <summary>J-PAKE round 1: g^x1, g^x2 and their Schnorr proofs (+ the creator's safety-nonce commitment).</summary>
    Round1 = 1,

    /// <summary>J-PAKE round 2: A and its Schnorr proof (+ the joiner's safety nonce).</summary>
    Round2 = 2,

    /// <summary>HMAC key confirmation (+ the creator's revealed safety nonce).</summary>
    Confirm = 3,

    /// <summary>Creator → joiner: your confirmation did not match (wrong PIN). Carries nothing else.</summary>
    Rejected = 4,

    /// <summary>Either side: I stopped because of a protocol error. Carries nothing else.</summary>
    Abort = 5,
}
