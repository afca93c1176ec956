namespace SecureLink.WebRtc.Sctp.Chunks;

/// <summary>A chunk or parameter whose bytes do not follow its layout. Thrown inside the
/// parser only; <see cref="Packet.SctpPacket.TryParse"/> turns it into a dropped packet.</summary>
public sealed class SctpFormatException(string message) : Exception(message);
