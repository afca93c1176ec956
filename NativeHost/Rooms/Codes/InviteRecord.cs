namespace SecureLink.Rooms.Codes;

/// <summary>
/// What an invite code carries: the creator's ICE credentials, DTLS certificate fingerprint,
/// candidates, the connect mode with its STUN servers, and when the invite expires. Not secret
/// and not authenticated by the code itself: the PIN authentication binds the fingerprints.
/// </summary>
/// <param name="RoomId">8 random bytes naming the room; the reply must carry the same.</param>
/// <param name="Mode">Offline (host candidates only) or Internet (STUN list, server-reflexive candidates).</param>
/// <param name="IceUfrag">a=ice-ufrag, 4–255 ice-chars.</param>
/// <param name="IcePwd">a=ice-pwd, 22–255 ice-chars.</param>
/// <param name="DtlsSha256Fingerprint">SHA-256 of the creator's DER certificate, 32 raw bytes.</param>
/// <param name="Candidates">At most <see cref="CodeLimits.MaxCandidates"/>, in priority order.</param>
/// <param name="StunServers">"HOST:PORT" strings; empty in Offline mode.</param>
/// <param name="ExpiresAt">Carried to the second (rounded down).</param>
public sealed record InviteRecord(byte[] RoomId, ConnectMode Mode, string IceUfrag, string IcePwd,
    byte[] DtlsSha256Fingerprint, IReadOnlyList<CodeCandidate> Candidates, IReadOnlyList<string> StunServers,
    DateTimeOffset ExpiresAt)
{
    /// <summary>The m-lines of the offer; a data channel by default.</summary>
    public CodeFeatures Features { get; init; } = CodeFeatures.DataChannel;
}
