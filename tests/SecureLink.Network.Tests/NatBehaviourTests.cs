using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace SecureLink.Network.Tests;

/// <summary>
/// The test bed's NATs are what their names claim (RFC 4787): probed with plain UDP sockets
/// inside the namespaces and a STUN Binding to the real coturn. Mapping: does a second
/// destination see the same public port? Filtering: does a packet from an address:port peer A
/// never contacted get in?
/// </summary>
public sealed class NatBehaviourTests
{
    [NetFact]
    public Task Endpoint_independent_maps_and_filters_independently_of_the_endpoint() => ProbeAsync(NatKind.EndpointIndependent, sameMapping: true, strangerGetsIn: true);

    [NetFact]
    public Task Port_restricted_maps_independently_but_filters_by_address_and_port() => ProbeAsync(NatKind.PortRestricted, sameMapping: true, strangerGetsIn: false);

    [NetFact]
    public Task Symmetric_maps_each_destination_to_its_own_port() => ProbeAsync(NatKind.Symmetric, sameMapping: false, strangerGetsIn: false);

    private static async Task ProbeAsync(NatKind kind, bool sameMapping, bool strangerGetsIn)
    {
        using var net = Bed.Internet.Create(kind, NatKind.PortRestricted);
        using var a = NetnsSocket.Udp(net.A, new IPEndPoint(Bed.Internet.PrivateA, 0));
        using var second = NetnsSocket.Udp(net.Pub, new IPEndPoint(Bed.Internet.StunAddress, 4000));
        using var stranger = NetnsSocket.Udp(net.Pub, new IPEndPoint(Bed.Internet.StunAddress, 5000));

        var viaStun = await StunMappedAsync(a, new IPEndPoint(Bed.Internet.StunAddress, Coturn.Port));
        Assert.Equal(Bed.Internet.PublicA, viaStun.Address);
        await a.SendToAsync(new byte[] { 1 }, second.LocalEndPoint!);
        var buffer = new byte[1500];
        var seen = (IPEndPoint)(await ReceiveAsync(second, buffer) ?? throw new TimeoutException("the second destination heard nothing")).RemoteEndPoint;
        Assert.Equal(Bed.Internet.PublicA, seen.Address);
        Assert.Equal(sameMapping, seen.Port == viaStun.Port);

        // A reply from the endpoint A talked to always gets in (the test is not vacuous) ...
        await second.SendToAsync(new byte[] { 2 }, seen);
        Assert.NotNull(await ReceiveFromAsync(a, buffer, second.LocalEndPoint!));
        // ... one from an endpoint A never talked to only through endpoint-independent filtering.
        await stranger.SendToAsync(new byte[] { 3 }, viaStun);
        Assert.Equal(strangerGetsIn, await ReceiveFromAsync(a, buffer, stranger.LocalEndPoint!) is not null);
    }

    private static async Task<SocketReceiveFromResult?> ReceiveAsync(Socket s, byte[] buffer)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(700));
        try { return await s.ReceiveFromAsync(buffer, new IPEndPoint(IPAddress.Any, 0), cts.Token); }
        catch (OperationCanceledException) { return null; }
    }

    /// <summary>The next datagram from <paramref name="sender"/>; a late STUN answer (a retransmitted request's) is skipped.</summary>
    private static async Task<SocketReceiveFromResult?> ReceiveFromAsync(Socket s, byte[] buffer, EndPoint sender)
    {
        while (await ReceiveAsync(s, buffer) is { } r)
            if (r.RemoteEndPoint.Equals(sender)) return r;
        return null;
    }

    /// <summary>A bare RFC 8489 Binding request; the answer's XOR-MAPPED-ADDRESS.</summary>
    private static async Task<IPEndPoint> StunMappedAsync(Socket s, IPEndPoint server)
    {
        var request = new byte[20];
        BinaryPrimitives.WriteUInt16BigEndian(request, 0x0001);
        BinaryPrimitives.WriteUInt32BigEndian(request.AsSpan(4), 0x2112A442);
        RandomNumberGenerator.Fill(request.AsSpan(8, 12));
        var buffer = new byte[1500];
        for (var attempt = 0; attempt < 3; attempt++)
        {
            await s.SendToAsync(request, server);
            if (await ReceiveAsync(s, buffer) is not { } r) continue;
            var at = 20;
            while (at + 4 <= r.ReceivedBytes)
            {
                var type = BinaryPrimitives.ReadUInt16BigEndian(buffer.AsSpan(at));
                var length = BinaryPrimitives.ReadUInt16BigEndian(buffer.AsSpan(at + 2));
                if (type == 0x0020 && buffer[at + 5] == 0x01)
                {
                    var port = BinaryPrimitives.ReadUInt16BigEndian(buffer.AsSpan(at + 6)) ^ 0x2112;
                    var addr = BinaryPrimitives.ReadUInt32BigEndian(buffer.AsSpan(at + 8)) ^ 0x2112A442;
                    var bytes = new byte[4];
                    BinaryPrimitives.WriteUInt32BigEndian(bytes, addr);
                    return new IPEndPoint(new IPAddress(bytes), port);
                }
                at += 4 + ((length + 3) & ~3);
            }
        }
        throw new TimeoutException("coturn did not answer the Binding request");
    }
}
