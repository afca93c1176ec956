using System.Buffers.Binary;
using System.Security.Cryptography;

namespace SecureLink.WebRtc.Stun;

/// <summary>
/// A STUN message (RFC 8489 §5): 20-byte header (type, length, magic cookie, 96-bit
/// transaction id) and attributes padded to 4 bytes. Build one, add attributes, then
/// <see cref="Encode"/> appends MESSAGE-INTEGRITY and FINGERPRINT when asked. A parsed
/// message remembers its bytes so <see cref="VerifyIntegrity"/> and
/// <see cref="VerifyFingerprint"/> can check exactly what was received.
/// </summary>
public sealed class StunMessage
{
    public const uint MagicCookie = 0x2112A442;
    public const int HeaderLength = 20;
    public const int TransactionIdLength = 12;

    private byte[]? _raw;
    private int _integrityOffset = -1;
    private int _fingerprintOffset = -1;

    public StunMessage(StunMessageClass messageClass, ushort method, byte[]? transactionId = null)
    {
        if (method > 0x0FFF) throw new ArgumentOutOfRangeException(nameof(method), method, "A STUN method has 12 bits.");
        if (transactionId is not null && transactionId.Length != TransactionIdLength)
            throw new ArgumentException($"A transaction id is {TransactionIdLength} bytes.", nameof(transactionId));
        Class = messageClass;
        Method = method;
        TransactionId = transactionId ?? NewTransactionId();
    }

    public StunMessageClass Class { get; }
    public ushort Method { get; }
    public byte[] TransactionId { get; }

    /// <summary>Attributes in wire order. MESSAGE-INTEGRITY and FINGERPRINT appear here after parsing, but are never written from here.</summary>
    public List<StunAttribute> Attributes { get; } = [];

    /// <summary>Comprehension-required attribute types we did not understand (the receiver may answer 420).</summary>
    public List<ushort> UnknownRequiredAttributes { get; } = [];

    public bool HasIntegrity => _integrityOffset >= 0;
    public bool HasFingerprint => _fingerprintOffset >= 0;

    public static byte[] NewTransactionId() => RandomNumberGenerator.GetBytes(TransactionIdLength);

    public StunMessage Add(StunAttribute attribute)
    {
        Attributes.Add(attribute);
        return this;
    }

    /// <summary>The first attribute of type <typeparamref name="T"/>, or null.</summary>
    public T? Get<T>() where T : StunAttribute
    {
        foreach (var a in Attributes) if (a is T t) return t;
        return null;
    }

    public static ushort EncodeType(StunMessageClass cls, ushort method)
    {
        var c = (int)cls;
        return (ushort)((method & 0x000F) | ((method & 0x0070) << 1) | ((method & 0x0F80) << 2) | ((c & 1) << 4) | ((c & 2) << 7));
    }

    /// <summary>
    /// Serializes the message. With <paramref name="integrityKey"/> MESSAGE-INTEGRITY is
    /// appended (for ICE short-term credentials the key is the UTF-8 password); with
    /// <paramref name="fingerprint"/> FINGERPRINT goes last.
    /// </summary>
    public byte[] Encode(byte[]? integrityKey = null, bool fingerprint = false)
    {
        var values = new List<(ushort Type, byte[] Value)>();
        var bodyLength = 0;
        foreach (var a in Attributes)
        {
            if (a.Type is StunAttributeType.MessageIntegrity or StunAttributeType.Fingerprint) continue;
            var v = a.EncodeValue(TransactionId);
            if (v.Length > ushort.MaxValue) throw new InvalidOperationException($"Attribute 0x{a.Type:x4} is too long.");
            values.Add((a.Type, v));
            bodyLength += 4 + Pad(v.Length);
        }
        var total = HeaderLength + bodyLength + (integrityKey is null ? 0 : 24) + (fingerprint ? 8 : 0);
        if (total - HeaderLength > ushort.MaxValue) throw new InvalidOperationException("The STUN message is too long.");
        var b = new byte[total];
        BinaryPrimitives.WriteUInt16BigEndian(b, EncodeType(Class, Method));
        BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(4), MagicCookie);
        TransactionId.CopyTo(b, 8);
        var at = HeaderLength;
        foreach (var (type, value) in values)
        {
            WriteHeader(b, at, type, value.Length);
            value.CopyTo(b, at + 4);
            at += 4 + Pad(value.Length);
        }
        if (integrityKey is not null)
        {
            BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(2), (ushort)(at + 24 - HeaderLength));
            var hmac = HMACSHA1.HashData(integrityKey, b.AsSpan(0, at));
            WriteHeader(b, at, StunAttributeType.MessageIntegrity, MessageIntegrityAttribute.Length);
            hmac.CopyTo(b, at + 4);
            at += 24;
        }
        if (fingerprint)
        {
            BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(2), (ushort)(at + 8 - HeaderLength));
            var crc = Crc32.Compute(b.AsSpan(0, at)) ^ FingerprintAttribute.XorValue;
            WriteHeader(b, at, StunAttributeType.Fingerprint, 4);
            BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(at + 4), crc);
            at += 8;
        }
        BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(2), (ushort)(at - HeaderLength));
        return b;
    }

    /// <summary>True when the bytes start like STUN (RFC 7983: first byte 0–3) and carry the magic cookie. Cheap; no parsing.</summary>
    public static bool LooksLikeStun(ReadOnlySpan<byte> data) =>
        data.Length >= HeaderLength && data[0] < 4 && BinaryPrimitives.ReadUInt32BigEndian(data[4..]) == MagicCookie;

    /// <summary>Parses a message; never throws. <paramref name="error"/> says why it failed.</summary>
    public static bool TryParse(ReadOnlySpan<byte> data, out StunMessage? message, out string? error)
    {
        try
        {
            message = Parse(data);
            error = null;
            return true;
        }
        catch (StunFormatException e)
        {
            message = null;
            error = e.Message;
            return false;
        }
    }

    public static bool TryParse(ReadOnlySpan<byte> data, out StunMessage? message) => TryParse(data, out message, out _);

    /// <summary>Parses a message or throws <see cref="StunFormatException"/> naming the defect.</summary>
    public static StunMessage Parse(ReadOnlySpan<byte> data)
    {
        if (data.Length < HeaderLength) throw new StunFormatException($"A STUN message is at least {HeaderLength} bytes; got {data.Length}.");
        var type = BinaryPrimitives.ReadUInt16BigEndian(data);
        if ((type & 0xC000) != 0) throw new StunFormatException("The first two bits of a STUN message must be zero.");
        var length = BinaryPrimitives.ReadUInt16BigEndian(data[2..]);
        if (BinaryPrimitives.ReadUInt32BigEndian(data[4..]) != MagicCookie) throw new StunFormatException("The STUN magic cookie is missing.");
        if ((length & 3) != 0) throw new StunFormatException($"The STUN length {length} is not a multiple of 4.");
        if (HeaderLength + length != data.Length)
            throw new StunFormatException($"The STUN length field says {length} bytes of attributes but {data.Length - HeaderLength} follow the header.");
        var method = (ushort)((type & 0x000F) | ((type & 0x00E0) >> 1) | ((type & 0x3E00) >> 2));
        var cls = (StunMessageClass)(((type >> 4) & 1) | ((type >> 7) & 2));
        var m = new StunMessage(cls, method, data.Slice(8, TransactionIdLength).ToArray()) { _raw = data.ToArray() };
        m.ParseAttributes(data[HeaderLength..]);
        return m;
    }

    private void ParseAttributes(ReadOnlySpan<byte> body)
    {
        var at = 0;
        while (at < body.Length)
        {
            if (body.Length - at < 4) throw new StunFormatException($"Attribute header at offset {HeaderLength + at} is truncated.");
            var type = BinaryPrimitives.ReadUInt16BigEndian(body[at..]);
            var length = BinaryPrimitives.ReadUInt16BigEndian(body[(at + 2)..]);
            var start = at + 4;
            if (length > body.Length - start)
                throw new StunFormatException($"Attribute 0x{type:x4} says {length} bytes but only {body.Length - start} remain.");
            var value = body.Slice(start, length);
            var offset = HeaderLength + at;
            at = start + Pad(length);
            if (at > body.Length) throw new StunFormatException($"Attribute 0x{type:x4} is missing its padding.");
            if (_fingerprintOffset >= 0) throw new StunFormatException("FINGERPRINT must be the last attribute.");
            if (type == StunAttributeType.Fingerprint)
            {
                if (length != 4) throw new StunFormatException($"FINGERPRINT must be 4 bytes, not {length}.");
                _fingerprintOffset = offset;
                Attributes.Add(new FingerprintAttribute(BinaryPrimitives.ReadUInt32BigEndian(value)));
                continue;
            }
            // RFC 8489 §14.5: everything after MESSAGE-INTEGRITY except FINGERPRINT is ignored.
            if (_integrityOffset >= 0) continue;
            if (type == StunAttributeType.MessageIntegrity)
            {
                if (length != MessageIntegrityAttribute.Length) throw new StunFormatException($"MESSAGE-INTEGRITY must be 20 bytes, not {length}.");
                _integrityOffset = offset;
                Attributes.Add(new MessageIntegrityAttribute(value.ToArray()));
                continue;
            }
            var attribute = StunAttributeDecoder.Decode(type, value, TransactionId);
            if (attribute is UnknownAttribute && StunAttributeType.IsComprehensionRequired(type)) UnknownRequiredAttributes.Add(type);
            Attributes.Add(attribute);
        }
    }

    /// <summary>
    /// Checks MESSAGE-INTEGRITY of a parsed message with <paramref name="key"/>: HMAC-SHA1 over
    /// the bytes before it, with the header length set as if it were the last attribute.
    /// False when absent, wrong, or the message was not parsed.
    /// </summary>
    public bool VerifyIntegrity(byte[] key)
    {
        if (_raw is null || _integrityOffset < 0) return false;
        var covered = _raw.AsSpan(0, _integrityOffset).ToArray();
        BinaryPrimitives.WriteUInt16BigEndian(covered.AsSpan(2), (ushort)(_integrityOffset + 24 - HeaderLength));
        var expected = HMACSHA1.HashData(key, covered);
        return CryptographicOperations.FixedTimeEquals(expected, _raw.AsSpan(_integrityOffset + 4, MessageIntegrityAttribute.Length));
    }

    /// <summary>Checks FINGERPRINT of a parsed message; false when absent or wrong.</summary>
    public bool VerifyFingerprint()
    {
        if (_raw is null || _fingerprintOffset < 0) return false;
        var crc = Crc32.Compute(_raw.AsSpan(0, _fingerprintOffset)) ^ FingerprintAttribute.XorValue;
        return crc == BinaryPrimitives.ReadUInt32BigEndian(_raw.AsSpan(_fingerprintOffset + 4));
    }

    public bool TransactionIdEquals(ReadOnlySpan<byte> other) => TransactionId.AsSpan().SequenceEqual(other);

    internal static int Pad(int length) => (length + 3) & ~3;

    private static void WriteHeader(byte[] b, int at, ushort type, int length)
    {
        BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(at), type);
        BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(at + 2), (ushort)length);
    }
}
