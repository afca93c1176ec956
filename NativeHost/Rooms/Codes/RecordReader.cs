using System.Buffers.Binary;
using System.Net;
using System.Text;

namespace SecureLink.Rooms.Codes;

/// <summary>
/// Reads the record's fields in order. Running out of bytes throws <see cref="RecordShortException"/>
/// (a cut-off code); a value no writer produces throws <see cref="RecordFieldException"/>.
/// Neither leaves the decoder: it turns them into <see cref="CodeException"/>.
/// </summary>
internal sealed class RecordReader(byte[] data, int length)
{
    private int _pos;

    public int Remaining => length - _pos;

    public byte Byte()
    {
        Need(1);
        return data[_pos++];
    }

    public byte[] Bytes(int count)
    {
        Need(count);
        var b = data.AsSpan(_pos, count).ToArray();
        _pos += count;
        return b;
    }

    public int UInt16()
    {
        Need(2);
        var v = BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(_pos, 2));
        _pos += 2;
        return v;
    }

    public uint UInt32()
    {
        Need(4);
        var v = BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(_pos, 4));
        _pos += 4;
        return v;
    }

    /// <summary>A length byte then that many bytes, each accepted by <paramref name="allowed"/>.</summary>
    public string ShortAscii(Func<char, bool> allowed, int minLength, string field)
    {
        var n = Byte();
        var raw = Bytes(n);
        if (n < minLength) throw new RecordFieldException($"{field} is shorter than {minLength}");
        var s = Encoding.ASCII.GetString(raw);
        if (raw.Any(b => b > 0x7E) || !s.All(allowed)) throw new RecordFieldException($"{field} has a character it may not have");
        return s;
    }

    public CodeCandidate Candidate()
    {
        var tf = Byte();
        if ((tf & ~CandidateFormat.KnownBits) != 0) throw new RecordFieldException("candidate type has unknown bits");
        var v6 = (tf & CandidateFormat.IPv6Bit) != 0;
        var address = new IPAddress(Bytes(v6 ? 16 : 4));
        var port = UInt16();
        if (port == 0) throw new RecordFieldException("candidate port is 0");
        if (!CandidateFormat.IsCarriable(address)) throw new RecordFieldException("candidate address is not usable");
        return new CodeCandidate(address, port, (tf & CandidateFormat.ServerReflexiveBit) != 0);
    }

    public void End()
    {
        if (Remaining != 0) throw new RecordFieldException("bytes after the last field");
    }

    private void Need(int n)
    {
        if (n > Remaining) throw new RecordShortException();
    }
}

/// <summary>The record ended before its fields did.</summary>
internal sealed class RecordShortException : Exception;

/// <summary>A field holds a value no SecureLink writes.</summary>
internal sealed class RecordFieldException(string what) : Exception(what);

/// <summary>A flag or feature bit this version does not know: a newer SecureLink made the code.</summary>
internal sealed class RecordNewerException : Exception;
