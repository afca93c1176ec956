using System.Buffers.Binary;
using System.Security.Cryptography;

namespace SecureLink.Rooms.Call;

/// <summary>
/// Names one call on both sides: 128 random bits chosen by the caller, 16 bytes on the wire.
/// Random rather than counted so two people who press "call" at once never pick the same id,
/// and ordered (as an unsigned big-endian number) so both sides resolve that glare alike.
/// </summary>
public readonly record struct CallId(UInt128 Value) : IComparable<CallId>
{
    /// <summary>Bytes on the wire.</summary>
    public const int Bytes = 16;

    /// <summary>A fresh id from the OS CSPRNG.</summary>
    public static CallId New()
    {
        Span<byte> b = stackalloc byte[Bytes];
        RandomNumberGenerator.Fill(b);
        return Read(b);
    }

    /// <summary>Reads the first 16 bytes of <paramref name="bytes"/> (big-endian).</summary>
    public static CallId Read(ReadOnlySpan<byte> bytes) => new(BinaryPrimitives.ReadUInt128BigEndian(bytes[..Bytes]));

    /// <summary>Writes the 16-byte wire form.</summary>
    public void Write(Span<byte> destination) => BinaryPrimitives.WriteUInt128BigEndian(destination[..Bytes], Value);

    public int CompareTo(CallId other) => Value.CompareTo(other.Value);

    /// <summary>First 4 hex characters: all a log line may show.</summary>
    public string ForLog() => ((ushort)(Value >> 112)).ToString("x4", System.Globalization.CultureInfo.InvariantCulture);

    public override string ToString() => Value.ToString("x32", System.Globalization.CultureInfo.InvariantCulture);
}
