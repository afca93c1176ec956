using System.Net;
using System.Net.Sockets;
using SecureLink.WebRtc.Transport;

namespace SecureLink.Rooms.Nearby;

/// <summary>
/// One IPv4 multicast DNS socket (224.0.0.251:5353) limited to chosen interfaces: it joins the
/// group and sends only on those, and drops what arrives on any other interface or from off the
/// link. Port 5353 is shared (SO_REUSEADDR) with whatever else speaks mDNS on the machine.
/// Responses come from port 5353 and go out with IP TTL 255 (RFC 6762 §11).
/// </summary>
public sealed class MdnsSocket : IAsyncDisposable
{
    public const int Port = 5353;
    public static readonly IPAddress Group = IPAddress.Parse("224.0.0.251");
    private static readonly IPEndPoint GroupEndPoint = new(Group, Port);

    private readonly Socket _socket;
    private readonly IReadOnlyList<NearbyInterface> _interfaces;
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly ILog _log;

    private MdnsSocket(Socket socket, IReadOnlyList<NearbyInterface> interfaces, ILog log)
    {
        _socket = socket;
        _interfaces = interfaces;
        _log = log;
    }

    public IReadOnlyList<NearbyInterface> Interfaces => _interfaces;

    /// <summary>Opens the socket on <paramref name="interfaces"/>; <see cref="NearbyException"/> when there are none or 5353 cannot be had.</summary>
    public static MdnsSocket Open(IReadOnlyList<NearbyInterface> interfaces, ILog log)
    {
        if (interfaces.Count == 0) throw new NearbyException("There is no local IPv4 network to look for nearby rooms on.");
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            socket.Bind(new IPEndPoint(IPAddress.Any, Port));
            socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastTimeToLive, 255);
            // Two browser profiles on one computer are two hosts: each must hear the other.
            socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastLoopback, true);
            socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.PacketInformation, true);
            foreach (var nic in interfaces)
                socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.AddMembership, new MulticastOption(Group, nic.Address));
        }
        catch (SocketException e)
        {
            socket.Dispose();
            throw new NearbyException($"Could not open the multicast DNS port on this network ({e.SocketErrorCode}).");
        }
        if (log.IsEnabled(LogLevel.Debug)) log.Write(LogLevel.Debug, "nearby", $"mdns socket on {interfaces.Count} interface(s)");
        return new MdnsSocket(socket, interfaces, log);
    }

    /// <summary>Sends <paramref name="packet"/> to the group out of every chosen interface. A failed send is logged and skipped.</summary>
    public async Task SendAsync(byte[] packet, CancellationToken ct)
    {
        await _sending.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            foreach (var nic in _interfaces)
            {
                try
                {
                    // The outgoing interface is one socket-wide option, hence one send at a time.
                    _socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastInterface, nic.Address.GetAddressBytes());
                    await _socket.SendToAsync(packet, SocketFlags.None, GroupEndPoint, ct).ConfigureAwait(false);
                }
                catch (SocketException e)
                {
                    if (_log.IsEnabled(LogLevel.Info)) _log.Write(LogLevel.Info, "nearby", $"send on {nic.Name} failed: {e.SocketErrorCode}");
                }
            }
        }
        catch (ObjectDisposedException)
        {
        }
        finally
        {
            _sending.Release();
        }
    }

    /// <summary>
    /// Reads until cancelled or disposed, handing each readable message from a chosen interface,
    /// sent from port 5353 by a neighbour on that link, to <paramref name="onMessage"/>.
    /// </summary>
    public async Task ReceiveAsync(Func<MdnsMessage, IPEndPoint, Task> onMessage, CancellationToken ct)
    {
        var buffer = new byte[MdnsWire.MaxPacket];
        EndPoint any = new IPEndPoint(IPAddress.Any, 0);
        while (!ct.IsCancellationRequested)
        {
            SocketReceiveMessageFromResult got;
            try
            {
                got = await _socket.ReceiveMessageFromAsync(buffer, SocketFlags.None, any, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.MessageSize or SocketError.ConnectionReset)
            {
                continue;
            }
            if (got.RemoteEndPoint is not IPEndPoint from || from.Port != Port) continue;
            var nic = _interfaces.FirstOrDefault(n => n.Index == got.PacketInformation.Interface);
            if (nic is null || !nic.IsOnLink(from.Address)) continue;
            MdnsMessage message;
            try
            {
                message = MdnsWire.Read(buffer.AsSpan(0, got.ReceivedBytes));
            }
            catch (MdnsFormatException)
            {
                continue;
            }
            await onMessage(message, from).ConfigureAwait(false);
        }
    }

    public ValueTask DisposeAsync()
    {
        // The semaphore holds no handle; leaving it undisposed lets a send racing the dispose end quietly.
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }
}
