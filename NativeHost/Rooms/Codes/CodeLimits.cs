namespace SecureLink.Rooms.Codes;

/// <summary>The bounds every code obeys, checked when encoding and when decoding.</summary>
public static class CodeLimits
{
    /// <summary>Bytes in a room id.</summary>
    public const int RoomIdLength = 8;

    /// <summary>Bytes in a SHA-256 fingerprint.</summary>
    public const int FingerprintLength = 32;

    /// <summary>
    /// Candidates a code may carry. A machine with many interfaces (containers, VPNs) would
    /// otherwise make a QR code too dense to scan; the highest-priority ones are kept.
    /// </summary>
    public const int MaxCandidates = 12;

    /// <summary>STUN servers an invite may carry.</summary>
    public const int MaxStunServers = 8;

    /// <summary>RFC 8839 §5.4: ufrag at least 4 characters; one length byte caps it at 255.</summary>
    public const int MinUfragLength = 4;

    /// <summary>RFC 8839 §5.4: password at least 22 characters.</summary>
    public const int MinPwdLength = 22;

    /// <summary>One length byte.</summary>
    public const int MaxStringLength = 255;

    /// <summary>Longer pasted text is refused before any work is done on it.</summary>
    public const int MaxTextLength = 8192;
}
