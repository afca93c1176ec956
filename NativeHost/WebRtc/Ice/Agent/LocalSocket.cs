using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace SecureLink.WebRtc.Ice;

/// <summary>
/// One UDP socket bound to one local address (RFC 8445 §5.1.1.1: a host candidate per
/// address). Its receive loop hands every datagram to the agent; sends are synchronous
/// because a UDP send never blocks for long and may come from any thread.
/// </summary>
internal sealed class LocalSocket : IDisposable
{
    private readonly Socket _socket;

    public LocalSocket(IPAddress address, int index, int port = 0)
    {
        _socket = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            if (address.AddressFamily == AddressFamily.InterNetworkV6) _socket.DualMode = false;
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                // Without this, an ICMP port-unreachable makes the next receive throw (WSAECONNRESET).
                const int SioUdpConnReset = -1744830452;
                _socket.IOControl(SioUdpConnReset, [0, 0, 0, 0], null);
            }
            _socket.Bind(new IPEndPoint(address, port));
        }
        catch
        {
            _socket.Dispose();
            throw;
        }
        LocalEndPoint = (IPEndPoint)_socket.LocalEndPoint!;
        Index = index;
    }

    public IPEndPoint LocalEndPoint { get; }
    public int Index { get; }
    public AddressFamily Family => LocalEndPoint.AddressFamily;

    /// <summary>The host candidate of this socket (set once gathering assigned priorities).</summary>
    public IceCandidate HostCandidate { get; set; } = null!;

    /// <summary>RFC 8445 §5.1.2.1 local preference, unique per socket.</summary>
    public int LocalPreference { get; init; } = 65535;

    /// <summary>Datagrams the OS refused to send (no route, interface gone); never thrown at callers.</summary>
    public long SendErrors => Interlocked.Read(ref _sendErrors);
    private long _sendErrors;

    public void Send(ReadOnlySpan<byte> datagram, IPEndPoint to)
    {
        try { _socket.SendTo(datagram, SocketFlags.None, to); }
        catch (SocketException) { Interlocked.Increment(ref _sendErrors); }
        catch (ObjectDisposedException) { }
    }

    /// <summary>Receives until cancelled or closed, calling <paramref name="onDatagram"/> for each datagram (which it may keep).</summary>
    public async Task ReceiveLoopAsync(Action<LocalSocket, IPEndPoint, byte[]> onDatagram, CancellationToken cancellationToken)
    {
        var buffer = new byte[65536];
        EndPoint any = Family == AddressFamily.InterNetwork ? new IPEndPoint(IPAddress.Any, 0) : new IPEndPoint(IPAddress.IPv6Any, 0);
        while (!cancellationToken.IsCancellationRequested)
        {
            SocketReceiveFromResult r;
            try
            {
                r = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, any, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) { return; }
            catch (ObjectDisposedException) { return; }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.OperationAborted or SocketError.Interrupted or SocketError.NotSocket)
            {
                return;
            }
            catch (SocketException)
            {
                continue; // e.g. ICMP errors surfaced on some platforms: not fatal for the port
            }
            onDatagram(this, (IPEndPoint)r.RemoteEndPoint, buffer.AsSpan(0, r.ReceivedBytes).ToArray());
        }
    }

    public void Dispose() => _socket.Dispose();
}
