using System.Buffers.Binary;
using System.Text;

namespace SecureLink.Rooms.Nearby;

/// <summary>
/// The DNS wire format (RFC 1035 §4, with RFC 6762's use of the class field's top bit) for the
/// little nearby rooms need: write queries and responses of PTR and TXT records, and read any
/// message from the network, keeping only questions and PTR/TXT answers. Reading is strict and
/// bounded (compression pointers must point backwards, names stay within 255 bytes), and any
/// problem is an <see cref="MdnsFormatException"/>: a LAN is an untrusted place.
/// Written names are not compressed: our messages are small and this keeps the writer simple.
/// </summary>
public static class MdnsWire
{
    /// <summary>Largest packet we write or read (RFC 6762 §17 allows up to 9000 bytes on a LAN).</summary>
    public const int MaxPacket = 9000;

    private const ushort ClassIn = 1;
    private const ushort TopBit = 0x8000;
    private const ushort FlagsResponse = 0x8400; // QR + AA: an authoritative answer (RFC 6762 §18)

    /// <summary>A query (flags 0) with <paramref name="knownAnswers"/> in its answer section (RFC 6762 §7.1).</summary>
    public static byte[] WriteQuery(IReadOnlyList<MdnsQuestion> questions, IReadOnlyList<MdnsRecord>? knownAnswers = null)
    {
        var known = knownAnswers ?? [];
        var w = new Writer();
        w.Header(0, questions.Count, known.Count);
        foreach (var q in questions)
        {
            w.Name(q.Name);
            w.U16((ushort)q.Type);
            w.U16(ClassIn);
        }
        foreach (var r in known) w.Record(r, cacheFlush: false);
        return Checked(w.ToArray());
    }

    public static byte[] WriteResponse(IReadOnlyList<MdnsRecord> answers)
    {
        var w = new Writer();
        w.Header(FlagsResponse, 0, answers.Count);
        foreach (var r in answers) w.Record(r, r.CacheFlush);
        return Checked(w.ToArray());
    }

    private static byte[] Checked(byte[] packet) =>
        packet.Length <= MaxPacket ? packet : throw new ArgumentException("The records do not fit in one mDNS packet.", nameof(packet));

    public static MdnsMessage Read(ReadOnlySpan<byte> packet)
    {
        if (packet.Length < 12) throw new MdnsFormatException("shorter than a DNS header");
        if (packet.Length > MaxPacket) throw new MdnsFormatException("larger than an mDNS packet");
        var flags = BinaryPrimitives.ReadUInt16BigEndian(packet[2..]);
        var isResponse = (flags & 0x8000) != 0;
        if (((flags >> 11) & 0xF) != 0) throw new MdnsFormatException("not a standard query or response");
        int qd = BinaryPrimitives.ReadUInt16BigEndian(packet[4..]);
        int an = BinaryPrimitives.ReadUInt16BigEndian(packet[6..]);
        int ns = BinaryPrimitives.ReadUInt16BigEndian(packet[8..]);
        int ar = BinaryPrimitives.ReadUInt16BigEndian(packet[10..]);
        var pos = 12;
        var questions = new List<MdnsQuestion>();
        for (var i = 0; i < qd; i++)
        {
            var name = ReadName(packet, ref pos);
            var type = U16(packet, ref pos);
            var cls = U16(packet, ref pos);
            if ((cls & 0x7FFF) == ClassIn && type is (ushort)MdnsType.Ptr or (ushort)MdnsType.Txt or (ushort)MdnsType.Any)
                questions.Add(new MdnsQuestion(name, (MdnsType)type));
        }
        // Answers, then authority and additional records: a response may put our TXT in either.
        var answers = new List<MdnsRecord>();
        for (var i = 0; i < an + ns + ar; i++)
        {
            var name = ReadName(packet, ref pos);
            var type = U16(packet, ref pos);
            var cls = U16(packet, ref pos);
            if (pos + 6 > packet.Length) throw new MdnsFormatException("record cut off");
            var ttl = BinaryPrimitives.ReadUInt32BigEndian(packet[pos..]);
            int length = BinaryPrimitives.ReadUInt16BigEndian(packet[(pos + 4)..]);
            pos += 6;
            if (pos + length > packet.Length) throw new MdnsFormatException("record data cut off");
            var end = pos + length;
            // Known answers in a query count too (for suppression); authority records of a probe are just skipped by callers.
            if ((cls & 0x7FFF) == ClassIn && type == (ushort)MdnsType.Ptr)
            {
                var at = pos;
                var target = ReadName(packet, ref at);
                if (at != end) throw new MdnsFormatException("PTR data has the wrong length");
                answers.Add(new MdnsRecord(name, MdnsType.Ptr, ttl, (cls & TopBit) != 0, target, []));
            }
            else if ((cls & 0x7FFF) == ClassIn && type == (ushort)MdnsType.Txt)
            {
                answers.Add(new MdnsRecord(name, MdnsType.Txt, ttl, (cls & TopBit) != 0, null, ReadTxt(packet[pos..end])));
            }
            pos = end;
        }
        return new MdnsMessage(isResponse, questions, answers);
    }

    private static ushort U16(ReadOnlySpan<byte> p, ref int pos)
    {
        if (pos + 2 > p.Length) throw new MdnsFormatException("field cut off");
        var v = BinaryPrimitives.ReadUInt16BigEndian(p[pos..]);
        pos += 2;
        return v;
    }

    private static List<string> ReadTxt(ReadOnlySpan<byte> data)
    {
        var strings = new List<string>();
        var pos = 0;
        while (pos < data.Length)
        {
            int n = data[pos++];
            if (pos + n > data.Length) throw new MdnsFormatException("TXT string cut off");
            strings.Add(Encoding.UTF8.GetString(data.Slice(pos, n)));
            pos += n;
        }
        return strings;
    }

    /// <summary>Reads a possibly compressed name; labels are joined with '.' (dots inside a label are kept as they are).</summary>
    private static string ReadName(ReadOnlySpan<byte> p, ref int pos)
    {
        var sb = new StringBuilder();
        var at = pos;
        var jumped = false;
        var total = 0;
        var lowestTarget = pos;
        while (true)
        {
            if (at >= p.Length) throw new MdnsFormatException("name cut off");
            int len = p[at];
            if ((len & 0xC0) == 0xC0)
            {
                if (at + 1 >= p.Length) throw new MdnsFormatException("pointer cut off");
                var target = ((len & 0x3F) << 8) | p[at + 1];
                // Only backwards, and each jump further back than the last: no loops possible.
                if (target >= lowestTarget) throw new MdnsFormatException("compression pointer does not point back");
                lowestTarget = target;
                if (!jumped) pos = at + 2;
                jumped = true;
                at = target;
                continue;
            }
            if ((len & 0xC0) != 0) throw new MdnsFormatException("unknown label type");
            at++;
            if (len == 0) break;
            total += len + 1;
            if (total > 255) throw new MdnsFormatException("name longer than 255 bytes");
            if (at + len > p.Length) throw new MdnsFormatException("label cut off");
            if (sb.Length > 0) sb.Append('.');
            sb.Append(Encoding.UTF8.GetString(p.Slice(at, len)));
            at += len;
        }
        if (!jumped) pos = at;
        return sb.ToString();
    }

    private sealed class Writer
    {
        private readonly List<byte> _b = new(512);

        public int Length => _b.Count;

        public void Header(ushort flags, int questions, int answers)
        {
            U16(0); // id: 0 in multicast DNS (RFC 6762 §18.1)
            U16(flags);
            U16((ushort)questions);
            U16((ushort)answers);
            U16(0);
            U16(0);
        }

        public void U16(ushort v)
        {
            _b.Add((byte)(v >> 8));
            _b.Add((byte)v);
        }

        public void U32(uint v)
        {
            U16((ushort)(v >> 16));
            U16((ushort)v);
        }

        public void Record(MdnsRecord r, bool cacheFlush)
        {
            Name(r.Name);
            U16((ushort)r.Type);
            U16((ushort)(ClassIn | (cacheFlush ? TopBit : 0)));
            U32(r.TtlSeconds);
            var lengthAt = Reserve16();
            var start = Length;
            if (r.Type == MdnsType.Ptr) Name(r.Target ?? throw new ArgumentException("A PTR needs a target.", nameof(r)));
            else if (r.Type == MdnsType.Txt) TxtStrings(r.Strings);
            else throw new ArgumentException("Only PTR and TXT records are written.", nameof(r));
            Patch16(lengthAt, Length - start);
        }

        public int Reserve16()
        {
            var at = _b.Count;
            U16(0);
            return at;
        }

        public void Patch16(int at, int value)
        {
            _b[at] = (byte)(value >> 8);
            _b[at + 1] = (byte)value;
        }

        /// <summary>Our labels never hold a dot (room labels are words and spaces), so '.' separates them.</summary>
        public void Name(string name)
        {
            foreach (var label in name.Split('.'))
            {
                var bytes = Encoding.UTF8.GetBytes(label);
                if (bytes.Length is 0 or > 63) throw new ArgumentException("A DNS label is 1 to 63 bytes.", nameof(name));
                _b.Add((byte)bytes.Length);
                _b.AddRange(bytes);
            }
            _b.Add(0);
        }

        public void TxtStrings(IReadOnlyList<string> strings)
        {
            if (strings.Count == 0)
            {
                _b.Add(0); // RFC 6763 §6.1: an empty TXT still has one empty string
                return;
            }
            foreach (var s in strings)
            {
                var bytes = Encoding.UTF8.GetBytes(s);
                if (bytes.Length > 255) throw new ArgumentException("A TXT string is at most 255 bytes.", nameof(strings));
                _b.Add((byte)bytes.Length);
                _b.AddRange(bytes);
            }
        }

        public byte[] ToArray() => [.. _b];
    }
}
