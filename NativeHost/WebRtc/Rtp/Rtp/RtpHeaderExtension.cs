namespace SecureLink.WebRtc.Rtp;

/// <summary>One RFC 8285 header extension element: a local identifier and its data.</summary>
/// <param name="Id">1–14 fits the one-byte form; 1–255 needs the two-byte form.</param>
/// <param name="Data">0–255 bytes (the one-byte form carries 1–16).</param>
public sealed record RtpHeaderExtension(byte Id, byte[] Data);
