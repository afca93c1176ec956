namespace SecureLink.Rooms.Pake;

/// <summary>
/// The two DTLS certificate SHA-256 fingerprints as THIS side saw them: its own certificate and
/// the one the peer presented, put in creator-then-joiner order. Without a man in the middle both
/// sides hold the same pair; with one, each side holds the middle's certificate in place of its
/// peer's, so the pairs differ and the key confirmation fails.
/// </summary>
/// <param name="CreatorFingerprint">SHA-256 of the creator's certificate (1..255 bytes; 32 in practice).</param>
/// <param name="JoinerFingerprint">SHA-256 of the joiner's certificate (1..255 bytes; 32 in practice).</param>
public sealed record PakeBinding(byte[] CreatorFingerprint, byte[] JoinerFingerprint);
