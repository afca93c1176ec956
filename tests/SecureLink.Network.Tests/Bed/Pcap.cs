using System.Buffers.Binary;
using System.Net;

namespace SecureLink.Network.Bed;

/// <summary>
/// Reads the pcap files tcpdump writes with <c>-i any</c> (Linux "cooked" link layer, SLL or SLL2)
/// into <see cref="Packet"/>s. Only what the proofs need: IPv4/IPv6, UDP/TCP ports, ICMP types,
/// the first payload bytes, and which interface and direction.
/// </summary>
public static class Pcap
{
    private const int LinkSll = 113;
    private const int LinkSll2 = 276;

    public static List<Packet> Read(string path, IReadOnlyDictionary<int, string>? interfaces = null)
    {
        var data = File.ReadAllBytes(path);
        var packets = new List<Packet>();
        if (data.Length < 24) return packets;
        var magic = BinaryPrimitives.ReadUInt32LittleEndian(data);
        var nano = magic == 0xa1b23c4d;
        if (magic != 0xa1b2c3d4 && !nano) throw new InvalidDataException("not a little-endian pcap file");
        var link = (int)BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(20));
        var at = 24;
        while (at + 16 <= data.Length)
        {
            var sec = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(at));
            var frac = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(at + 4));
            var incl = (int)BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(at + 8));
            var orig = (int)BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(at + 12));
            at += 16;
            if (at + incl > data.Length) break;
            var frame = data.AsSpan(at, incl);
            at += incl;
            var time = sec + frac / (nano ? 1e9 : 1e6);
            int etherType, packetType, header, ifIndex = 0;
            if (link == LinkSll2)
            {
                if (frame.Length < 20) continue;
                etherType = BinaryPrimitives.ReadUInt16BigEndian(frame);
                ifIndex = (int)BinaryPrimitives.ReadUInt32BigEndian(frame[4..]);
                packetType = frame[10];
                header = 20;
            }
            else if (link == LinkSll)
            {
                if (frame.Length < 16) continue;
                packetType = BinaryPrimitives.ReadUInt16BigEndian(frame);
                etherType = BinaryPrimitives.ReadUInt16BigEndian(frame[14..]);
                header = 16;
            }
            else
            {
                throw new InvalidDataException($"unexpected link type {link}: capture with -i any");
            }
            var name = interfaces is not null && interfaces.TryGetValue(ifIndex, out var n) ? n : ifIndex.ToString(System.Globalization.CultureInfo.InvariantCulture);
            packets.Add(Parse(time, name, packetType == 4, etherType, frame[header..], orig - header));
        }
        return packets;
    }

    private static Packet Parse(double time, string iface, bool outgoing, int etherType, ReadOnlySpan<byte> ip, int length)
    {
        IPAddress? src = null, dst = null;
        int proto = -1, l4 = 0;
        if (etherType == 0x0800 && ip.Length >= 20)
        {
            proto = ip[9];
            src = new IPAddress(ip.Slice(12, 4));
            dst = new IPAddress(ip.Slice(16, 4));
            l4 = (ip[0] & 0x0f) * 4;
        }
        else if (etherType == 0x86DD && ip.Length >= 40)
        {
            proto = ip[6];
            src = new IPAddress(ip.Slice(8, 16));
            dst = new IPAddress(ip.Slice(24, 16));
            l4 = 40;
            // Hop-by-hop options come before MLD reports; skip extension headers we may meet.
            while (proto is 0 or 43 or 60 && ip.Length >= l4 + 8)
            {
                proto = ip[l4];
                l4 += (ip[l4 + 1] + 1) * 8;
            }
        }
        if (etherType == Packet.EtherArp && ip.Length >= 28)
        {
            // Sender and target protocol addresses: who asks for whom.
            return new Packet(time, iface, outgoing, etherType, -1, new IPAddress(ip.Slice(14, 4)), 0, new IPAddress(ip.Slice(24, 4)), 0, length, []);
        }
        if (src is null) return new Packet(time, iface, outgoing, etherType, -1, null, 0, null, 0, length, []);
        int sport = 0, dport = 0;
        var payload = ReadOnlySpan<byte>.Empty;
        if (l4 <= ip.Length)
        {
            var seg = ip[l4..];
            if (proto == Packet.Udp && seg.Length >= 8)
            {
                sport = BinaryPrimitives.ReadUInt16BigEndian(seg);
                dport = BinaryPrimitives.ReadUInt16BigEndian(seg[2..]);
                payload = seg[8..];
            }
            else if (proto == Packet.Tcp && seg.Length >= 20)
            {
                sport = BinaryPrimitives.ReadUInt16BigEndian(seg);
                dport = BinaryPrimitives.ReadUInt16BigEndian(seg[2..]);
                payload = seg[Math.Min(seg.Length, (seg[12] >> 4) * 4)..];
            }
            else
            {
                payload = seg;
            }
        }
        return new Packet(time, iface, outgoing, etherType, proto, src, sport, dst, dport, length, payload[..Math.Min(payload.Length, 64)].ToArray());
    }
}
