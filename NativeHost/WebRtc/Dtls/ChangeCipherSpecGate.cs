using System.Collections;

namespace SecureLink.WebRtc.Dtls;

/// <summary>
/// Works around a BouncyCastle DTLS server deadlock. Its record layer switches the read epoch
/// the moment a ChangeCipherSpec arrives (once the key exchange is processed), and from then on,
/// during the handshake, drops every epoch-0 record. If the client's CertificateVerify was lost
/// or reordered behind the ChangeCipherSpec, every retransmission of it is dropped too and the
/// handshake can only time out. Loss and reordering make that common on bad links.
/// So, as server during the handshake, we hold a client's ChangeCipherSpec back until the
/// Certificate, ClientKeyExchange and CertificateVerify it follows have all been delivered in
/// full, then release it right behind them. Runs on BouncyCastle's thread.
/// </summary>
internal sealed class ChangeCipherSpecGate
{
    private const byte HandshakeType = 22;
    private const byte ChangeCipherSpecType = 20;
    private static readonly int[] Required = [11, 16, 15]; // certificate, client_key_exchange, certificate_verify

    private readonly Dictionary<int, BitArray> _coverage = [];
    private readonly HashSet<int> _complete = [];
    private byte[]? _held;

    public bool Active { get; set; }

    /// <summary>Records held back so far (tests and logs).</summary>
    public int Held { get; private set; }

    /// <summary>Inspects a datagram about to be delivered to BouncyCastle. Returns the datagram
    /// to deliver now (possibly without its ChangeCipherSpec record, or null when that was all),
    /// and whether a previously held ChangeCipherSpec should be delivered after it.</summary>
    public (byte[]? Deliver, byte[]? Release) Inspect(byte[] datagram)
    {
        if (!Active) return (datagram, null);
        var offset = 0;
        var ccsOffset = -1;
        var ccsLength = 0;
        while (offset + 13 <= datagram.Length)
        {
            int type = datagram[offset];
            var epoch = (datagram[offset + 3] << 8) | datagram[offset + 4];
            var length = (datagram[offset + 11] << 8) | datagram[offset + 12];
            var end = Math.Min(offset + 13 + length, datagram.Length);
            if (epoch == 0 && type == HandshakeType) Track(datagram.AsSpan(offset + 13, end - offset - 13));
            if (epoch == 0 && type == ChangeCipherSpecType && ccsOffset < 0)
            {
                ccsOffset = offset;
                ccsLength = end - offset;
            }
            offset = end;
        }

        if (ccsOffset < 0)
        {
            var release = Ready && _held is not null ? _held : null;
            if (release is not null) _held = null;
            return (datagram, release);
        }
        if (Ready) return (datagram, null);

        // Keep the newest copy (BouncyCastle has not seen it, so its sequence number is fresh to it).
        _held = datagram.AsSpan(ccsOffset, ccsLength).ToArray();
        Held++;
        var rest = new byte[datagram.Length - ccsLength];
        datagram.AsSpan(0, ccsOffset).CopyTo(rest);
        datagram.AsSpan(ccsOffset + ccsLength).CopyTo(rest.AsSpan(ccsOffset));
        return (rest.Length >= 13 ? rest : null, null);
    }

    private bool Ready => Required.All(_complete.Contains);

    // Handshake fragments: type(1) length(3) message_seq(2) fragment_offset(3) fragment_length(3) body.
    private void Track(ReadOnlySpan<byte> fragments)
    {
        while (fragments.Length >= 12)
        {
            int type = fragments[0];
            var length = (fragments[1] << 16) | (fragments[2] << 8) | fragments[3];
            var fragmentOffset = (fragments[6] << 16) | (fragments[7] << 8) | fragments[8];
            var fragmentLength = (fragments[9] << 16) | (fragments[10] << 8) | fragments[11];
            if (fragmentLength > fragments.Length - 12 || fragmentOffset + fragmentLength > length || length > 1 << 16) return;
            if (Array.IndexOf(Required, type) >= 0 && !_complete.Contains(type))
            {
                if (!_coverage.TryGetValue(type, out var bits) || bits.Length != length)
                    _coverage[type] = bits = new BitArray(length);
                for (var i = 0; i < fragmentLength; i++) bits[fragmentOffset + i] = true;
                if (length == 0 || bits.Cast<bool>().All(b => b)) _complete.Add(type);
            }
            fragments = fragments[(12 + fragmentLength)..];
        }
    }
}
