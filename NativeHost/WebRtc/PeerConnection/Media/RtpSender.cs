using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics;
using System.Security.Cryptography;
using SecureLink.WebRtc.Srtp;
using SecureLink.WebRtc.Transport;

namespace SecureLink.WebRtc.Media;

/// <summary>
/// Everything that leaves on the audio stream: RTP packets with our SSRC and the next sequence
/// number, and RTCP compounds, both protected by the outbound SRTP context. The context is not
/// thread-safe and both the voice layer and the RTCP timer send, so protection runs under one
/// lock; the socket send itself runs outside it.
/// </summary>
internal sealed class RtpSender
{
    private const int RtpHeaderSize = 12;
    private readonly IDatagramTransport _transport;
    private readonly SrtpContext _outbound;
    private readonly uint _ssrc;
    private readonly byte _payloadType;
    private readonly Lock _gate = new();
    private ushort _sequence;
    private bool _closed;
    private long _packets, _payloadOctets, _bytes;
    private uint _lastTimestamp;
    private long _lastSentAt;

    public RtpSender(IDatagramTransport transport, SrtpContext outbound, uint ssrc, int payloadType)
    {
        _transport = transport;
        _outbound = outbound;
        _ssrc = ssrc;
        _payloadType = (byte)payloadType;
        // RFC 3550 §5.1: the first sequence number is random, so known-plaintext attacks get no start.
        _sequence = (ushort)RandomNumberGenerator.GetInt32(0, 65536);
    }

    /// <summary>What the next SR needs: counts, and the last RTP timestamp with when it left.</summary>
    public SenderSnapshot Snapshot()
    {
        lock (_gate) return new SenderSnapshot(_packets, _payloadOctets, _bytes, _lastTimestamp, _lastSentAt);
    }

    /// <summary>Builds, protects and sends one RTP packet. False when the sender is closed.</summary>
    public async ValueTask<bool> SendRtpAsync(ReadOnlyMemory<byte> payload, uint timestamp, bool marker, CancellationToken ct)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(RtpHeaderSize + payload.Length + _outbound.RtpOverhead);
        try
        {
            int length;
            lock (_gate)
            {
                if (_closed) return false;
                var packet = buffer.AsSpan(0, RtpHeaderSize + payload.Length);
                packet[0] = 0x80; // version 2, no padding, no extension, no CSRC
                packet[1] = (byte)((marker ? 0x80 : 0) | _payloadType);
                BinaryPrimitives.WriteUInt16BigEndian(packet[2..], _sequence);
                BinaryPrimitives.WriteUInt32BigEndian(packet[4..], timestamp);
                BinaryPrimitives.WriteUInt32BigEndian(packet[8..], _ssrc);
                payload.Span.CopyTo(packet[RtpHeaderSize..]);
                if (_outbound.ProtectRtp(packet, buffer, out length) != SrtpResult.Ok) return false;
                _sequence++;
                _packets++;
                _payloadOctets += payload.Length;
                _bytes += length;
                _lastTimestamp = timestamp;
                _lastSentAt = Stopwatch.GetTimestamp();
            }
            await _transport.SendAsync(buffer.AsMemory(0, length), ct).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (IsNetworkTrouble(e))
        {
            return false;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Protects and sends one RTCP compound packet. False when closed or the transport is gone.</summary>
    public async ValueTask<bool> SendRtcpAsync(byte[] compound, CancellationToken ct)
    {
        var buffer = new byte[compound.Length + _outbound.RtcpOverhead];
        int length;
        lock (_gate)
        {
            if (_closed || _outbound.ProtectRtcp(compound, buffer, out length) != SrtpResult.Ok) return false;
            _bytes += length;
        }
        try
        {
            await _transport.SendAsync(buffer.AsMemory(0, length), ct).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (IsNetworkTrouble(e))
        {
            return false;
        }
    }

    // A lost path or a closed transport loses the packet, as the network would; the call goes on.
    private static bool IsNetworkTrouble(Exception e) =>
        e is TransportClosedException or System.Net.Sockets.SocketException or ObjectDisposedException;

    /// <summary>No more packets; after this the outbound context may be disposed.</summary>
    public void Close()
    {
        lock (_gate)
        {
            _closed = true;
            _outbound.Dispose();
        }
    }
}

/// <summary>Sender-side counters at one instant.</summary>
/// <param name="Packets">RTP packets sent.</param>
/// <param name="PayloadOctets">RTP payload bytes sent (the SR octet count).</param>
/// <param name="Bytes">SRTP and SRTCP bytes on the wire.</param>
/// <param name="LastTimestamp">RTP timestamp of the last packet sent.</param>
/// <param name="LastSentAt">When it left (Stopwatch ticks), 0 before the first.</param>
internal readonly record struct SenderSnapshot(long Packets, long PayloadOctets, long Bytes, uint LastTimestamp, long LastSentAt);
