using System.Numerics;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace SecureLink.WebRtc.Srtp;

/// <summary>
/// AES in counter mode as RFC 3711 §4.1.1 defines it: the keystream is AES_ECB(IV + j) for
/// j = 0, 1, …, with the block counter in the low 16 bits of the IV (which SRTP leaves zero).
/// One ECB transform and two buffers are kept for the life of the key, so a packet costs no
/// allocation. Not thread-safe: one per direction, used by one loop.
/// </summary>
internal sealed class AesCounterMode : IDisposable
{
    private readonly Aes _aes;
    private readonly ICryptoTransform _ecb;
    private byte[] _counters = new byte[96 * 16];
    private byte[] _keystream = new byte[96 * 16];

    public AesCounterMode(ReadOnlySpan<byte> key)
    {
        _aes = Aes.Create();
        _aes.Key = key.ToArray();
        _aes.Mode = CipherMode.ECB;
        _aes.Padding = PaddingMode.None;
        _ecb = _aes.CreateEncryptor();
    }

    /// <summary>XORs the keystream starting at <paramref name="iv"/> (16 bytes, low 16 bits zero) into <paramref name="data"/>.</summary>
    public void Apply(ReadOnlySpan<byte> iv, Span<byte> data)
    {
        if (data.IsEmpty) return;
        var blocks = (data.Length + 15) / 16;
        if (blocks > 65536) throw new ArgumentException("AES-CM keystream is limited to 2^16 blocks per IV", nameof(data));
        var bytes = blocks * 16;
        if (_counters.Length < bytes)
        {
            _counters = new byte[bytes];
            _keystream = new byte[bytes];
        }
        var counters = _counters.AsSpan(0, bytes);
        for (var j = 0; j < blocks; j++)
        {
            var block = counters.Slice(j * 16, 16);
            iv[..14].CopyTo(block);
            block[14] = (byte)(j >> 8);
            block[15] = (byte)j;
        }
        _ecb.TransformBlock(_counters, 0, bytes, _keystream, 0);
        Xor(data, _keystream.AsSpan(0, data.Length));
    }

    private static void Xor(Span<byte> data, ReadOnlySpan<byte> keystream)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated && data.Length >= Vector<byte>.Count)
        {
            var vd = MemoryMarshal.Cast<byte, Vector<byte>>(data);
            var vk = MemoryMarshal.Cast<byte, Vector<byte>>(keystream);
            for (var v = 0; v < vd.Length; v++) vd[v] ^= vk[v];
            i = vd.Length * Vector<byte>.Count;
        }
        for (; i < data.Length; i++) data[i] ^= keystream[i];
    }

    public void Dispose()
    {
        _ecb.Dispose();
        _aes.Dispose();
        CryptographicOperations.ZeroMemory(_keystream);
    }
}
