namespace SecureLink.Security.Tests.Support;

/// <summary>Just enough of the DTLS 1.2 record header (RFC 6347 §4.1) to recognise and forge records.</summary>
public static class Dtls
{
    public const byte ChangeCipherSpec = 20, Alert = 21, Handshake = 22, ApplicationData = 23;

    /// <summary>True for a datagram whose first record is of <paramref name="contentType"/>.</summary>
    public static bool Is(byte[] datagram, byte contentType) => datagram.Length >= 13 && datagram[0] == contentType;

    /// <summary>How many records the datagram holds (DTLS packs several into one datagram at will).</summary>
    public static int RecordCount(byte[] datagram)
    {
        var n = 0;
        for (var at = 0; at + 13 <= datagram.Length; at += 13 + ((datagram[at + 11] << 8) | datagram[at + 12])) n++;
        return n;
    }

    /// <summary>A record: type, version 1.2 (FE FD), epoch, 48-bit sequence number, length, body.</summary>
    public static byte[] Record(byte contentType, ushort epoch, ulong sequence, byte[] body)
    {
        var r = new byte[13 + body.Length];
        r[0] = contentType;
        r[1] = 0xFE;
        r[2] = 0xFD;
        r[3] = (byte)(epoch >> 8);
        r[4] = (byte)epoch;
        for (var i = 0; i < 6; i++) r[5 + i] = (byte)(sequence >> (8 * (5 - i)));
        r[11] = (byte)(body.Length >> 8);
        r[12] = (byte)body.Length;
        body.CopyTo(r, 13);
        return r;
    }
}
