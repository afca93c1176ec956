using System.Net;
using System.Net.Sockets;
using SecureLink.WebRtc.Transport;

namespace SecureLink.WebRtc.Sctp.Tests.Interop;

/// <summary>A loopback UDP socket as an <see cref="IDatagramTransport"/> (stands in for DTLS: one SCTP packet a datagram).</summary>
internal sealed class UdpLoopbackTransport : IDatagramTransport
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private IPEndPoint? _peer;

    public UdpLoopbackTransport() => _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));

    public int LocalPort => ((IPEndPoint)_socket.LocalEndPoint!).Port;
    public int MaxDatagramSize => 1200;

    public void Connect(int peerPort) => _peer = new IPEndPoint(IPAddress.Loopback, peerPort);

    public async ValueTask SendAsync(ReadOnlyMemory<byte> datagram, CancellationToken cancellationToken = default)
    {
        if (_peer is null) return; // before the peer's port is known: lost, as on a real link
        try
        {
            await _socket.SendToAsync(datagram, SocketFlags.None, _peer, cancellationToken);
        }
        catch (ObjectDisposedException e)
        {
            throw new TransportClosedException("closed", e);
        }
    }

    public async ValueTask<int> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            try
            {
                return await _socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);
            }
            catch (ObjectDisposedException e)
            {
                throw new TransportClosedException("closed", e);
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
            {
                // ICMP port unreachable from a peer not yet listening: keep reading.
            }
            catch (SocketException e)
            {
                throw new TransportClosedException("closed", e);
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }
}
