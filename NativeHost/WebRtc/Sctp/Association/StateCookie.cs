using System.Buffers.Binary;
using System.Security.Cryptography;

namespace SecureLink.WebRtc.Sctp.Association;

/// <summary>
/// What the State Cookie remembers of a peer's INIT (RFC 9260 §5.1.3), signed with HMAC-SHA-256 so the
/// passive side keeps no state until COOKIE-ECHO proves the peer saw our INIT-ACK.
/// </summary>
internal sealed record StateCookie(long CreatedMs, uint LocalTag, uint PeerTag, uint LocalInitialTsn, uint PeerInitialTsn,
    uint PeerReceiverWindow, ushort PeerOutboundStreams, ushort PeerInboundStreams, bool PeerForwardTsn, bool PeerReconfig)
{
    private const int BodyLength = 1 + 8 + 4 * 5 + 2 + 2 + 1;
    private const int MacLength = 32;
    public const int Length = BodyLength + MacLength;
    private const byte Version = 1;

    public byte[] Sign(byte[] key)
    {
        var b = new byte[Length];
        var s = b.AsSpan();
        s[0] = Version;
        BinaryPrimitives.WriteInt64BigEndian(s[1..], CreatedMs);
        BinaryPrimitives.WriteUInt32BigEndian(s[9..], LocalTag);
        BinaryPrimitives.WriteUInt32BigEndian(s[13..], PeerTag);
        BinaryPrimitives.WriteUInt32BigEndian(s[17..], LocalInitialTsn);
        BinaryPrimitives.WriteUInt32BigEndian(s[21..], PeerInitialTsn);
        BinaryPrimitives.WriteUInt32BigEndian(s[25..], PeerReceiverWindow);
        BinaryPrimitives.WriteUInt16BigEndian(s[29..], PeerOutboundStreams);
        BinaryPrimitives.WriteUInt16BigEndian(s[31..], PeerInboundStreams);
        s[33] = (byte)((PeerForwardTsn ? 1 : 0) | (PeerReconfig ? 2 : 0));
        HMACSHA256.HashData(key, s[..BodyLength], s[BodyLength..]);
        return b;
    }

    /// <summary>Returns the cookie if its signature is ours and it is younger than <paramref name="lifetimeMs"/>; else null.</summary>
    public static StateCookie? Verify(byte[] key, ReadOnlySpan<byte> cookie, long nowMs, long lifetimeMs)
    {
        if (cookie.Length != Length || cookie[0] != Version) return null;
        Span<byte> mac = stackalloc byte[MacLength];
        HMACSHA256.HashData(key, cookie[..BodyLength], mac);
        if (!CryptographicOperations.FixedTimeEquals(mac, cookie[BodyLength..])) return null;
        var created = BinaryPrimitives.ReadInt64BigEndian(cookie[1..]);
        if (nowMs - created > lifetimeMs || created - nowMs > 1000) return null;
        return new StateCookie(created,
            BinaryPrimitives.ReadUInt32BigEndian(cookie[9..]), BinaryPrimitives.ReadUInt32BigEndian(cookie[13..]),
            BinaryPrimitives.ReadUInt32BigEndian(cookie[17..]), BinaryPrimitives.ReadUInt32BigEndian(cookie[21..]),
            BinaryPrimitives.ReadUInt32BigEndian(cookie[25..]), BinaryPrimitives.ReadUInt16BigEndian(cookie[29..]),
            BinaryPrimitives.ReadUInt16BigEndian(cookie[31..]), (cookie[33] & 1) != 0, (cookie[33] & 2) != 0);
    }
}
