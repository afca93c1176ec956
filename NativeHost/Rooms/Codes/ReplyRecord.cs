namespace SecureLink.Rooms.Codes;

/// <summary>
/// What a reply code carries back to the creator: the joiner's ICE credentials, DTLS
/// fingerprint and candidates, and the room id it answers. The joiner's a=setup is always
/// active (it is the DTLS client), so it is not carried.
/// </summary>
public sealed record ReplyRecord(byte[] RoomId, string IceUfrag, string IcePwd, byte[] DtlsSha256Fingerprint,
    IReadOnlyList<CodeCandidate> Candidates)
{
    /// <summary>The m-lines of the answer (every one the invite offered, accepted); a data channel by default.</summary>
    public CodeFeatures Features { get; init; } = CodeFeatures.DataChannel;
}
