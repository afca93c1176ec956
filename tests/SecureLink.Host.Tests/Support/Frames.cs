using System.Buffers.Binary;
using System.Text;

namespace SecureLink.Host.Tests.Support;

/// <summary>Builds raw native messaging frames the way a browser writes them (this machine's byte order).</summary>
public static class Frames
{
    public static byte[] Header(uint length)
    {
        var header = new byte[4];
        if (BitConverter.IsLittleEndian) BinaryPrimitives.WriteUInt32LittleEndian(header, length);
        else BinaryPrimitives.WriteUInt32BigEndian(header, length);
        return header;
    }

    public static byte[] Of(byte[] payload) => [.. Header((uint)payload.Length), .. payload];

    public static byte[] Of(string json) => Of(Encoding.UTF8.GetBytes(json));

    /// <summary>A valid hello padded with spaces inside the object to exactly <paramref name="size"/> bytes.</summary>
    public static byte[] PaddedHello(int id, int size)
    {
        var head = Encoding.UTF8.GetBytes($"{{\"id\":{id},\"type\":\"hello\",\"protocol\":1");
        var payload = new byte[size];
        head.CopyTo(payload, 0);
        payload.AsSpan(head.Length, size - head.Length - 1).Fill((byte)' ');
        payload[^1] = (byte)'}';
        return payload;
    }

    /// <summary>Splits a stream of frames written by the host into payloads (for in-process runs).</summary>
    public static List<byte[]> Split(ReadOnlySpan<byte> stream)
    {
        var frames = new List<byte[]>();
        while (stream.Length >= 4)
        {
            var length = (int)(BitConverter.IsLittleEndian ? BinaryPrimitives.ReadUInt32LittleEndian(stream) : BinaryPrimitives.ReadUInt32BigEndian(stream));
            if (stream.Length < 4 + length) throw new InvalidDataException("The host wrote half a frame.");
            frames.Add(stream.Slice(4, length).ToArray());
            stream = stream[(4 + length)..];
        }
        if (stream.Length != 0) throw new InvalidDataException("The host wrote a partial header.");
        return frames;
    }
}
