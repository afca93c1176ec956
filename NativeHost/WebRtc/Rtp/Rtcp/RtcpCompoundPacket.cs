namespace SecureLink.WebRtc.Rtcp;

/// <summary>
/// Reading and writing RTCP compound packets (RFC 3550 §6.1): packets back to back, each with its
/// own length. Validation follows §A.2 minus the "first must be SR/RR" rule, which reduced-size
/// RTCP (RFC 5506, used by browsers for feedback) relaxes: every packet version 2, lengths summing
/// exactly to the datagram, padding only on the last one.
/// </summary>
public static class RtcpCompoundPacket
{
    /// <summary>Parses every packet; unknown types come back as <see cref="RtcpUnknownPacket"/>. Never throws.</summary>
    public static bool TryParse(ReadOnlySpan<byte> data, out List<RtcpPacket> packets)
    {
        packets = [];
        if (data.IsEmpty) return false;
        while (!data.IsEmpty)
        {
            if (!RtcpHeader.TryParse(data, out var h)) return false;
            var packet = data[..h.LengthInBytes];
            var last = h.LengthInBytes == data.Length;
            var end = packet.Length;
            if (h.Padding)
            {
                var pad = packet[^1];
                if (!last || pad == 0 || pad > packet.Length - RtcpHeader.Size) return false;
                end -= pad;
            }
            var body = packet[RtcpHeader.Size..end];
            RtcpPacket? parsed = h.PacketType switch
            {
                RtcpPacketType.SenderReport => RtcpSenderReport.TryRead(h, body),
                RtcpPacketType.ReceiverReport => RtcpReceiverReport.TryRead(h, body),
                RtcpPacketType.SourceDescription => RtcpSourceDescription.TryRead(h, body),
                RtcpPacketType.Goodbye => RtcpBye.TryRead(h, body),
                _ => new RtcpUnknownPacket(h.PacketType, h.Count, PadToWords(body)),
            };
            if (parsed is null) return false;
            packets.Add(parsed);
            data = data[h.LengthInBytes..];
        }
        return true;
    }

    private static byte[] PadToWords(ReadOnlySpan<byte> body)
    {
        var b = new byte[(body.Length + 3) & ~3];
        body.CopyTo(b);
        return b;
    }

    public static int Measure(IReadOnlyList<RtcpPacket> packets) => packets.Sum(p => p.Length);

    /// <summary>Writes the packets back to back; returns bytes written.</summary>
    public static int Write(IReadOnlyList<RtcpPacket> packets, Span<byte> destination)
    {
        var i = 0;
        foreach (var p in packets) i += p.WriteTo(destination[i..]);
        return i;
    }

    public static byte[] ToArray(params RtcpPacket[] packets)
    {
        var bytes = new byte[Measure(packets)];
        Write(packets, bytes);
        return bytes;
    }
}
