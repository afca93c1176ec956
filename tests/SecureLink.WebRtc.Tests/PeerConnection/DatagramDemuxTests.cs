using SecureLink.WebRtc.Transport;

namespace SecureLink.WebRtc.Tests.PeerConnection;

public sealed class DatagramDemuxTests
{
    [Theory]
    [InlineData(0, DatagramKind.Stun)]
    [InlineData(3, DatagramKind.Stun)]
    [InlineData(4, DatagramKind.Unknown)]
    [InlineData(19, DatagramKind.Zrtp)]
    [InlineData(20, DatagramKind.Dtls)]
    [InlineData(63, DatagramKind.Dtls)]
    [InlineData(64, DatagramKind.Turn)]
    [InlineData(127, DatagramKind.Unknown)]
    [InlineData(128, DatagramKind.Rtp)]
    [InlineData(191, DatagramKind.Rtp)]
    [InlineData(192, DatagramKind.Unknown)]
    [InlineData(255, DatagramKind.Unknown)]
    public void Classifies_by_the_RFC_7983_ranges(byte first, DatagramKind kind) =>
        Assert.Equal(kind, DatagramDemux.Classify(first));

    [Fact(Timeout = 10_000)]
    public async Task Routes_DTLS_and_RTP_apart_and_drops_the_rest()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var (near, far) = DatagramPipe.Create();
        await using var demux = new DatagramDemux(near, acceptRtp: true);
        await far.SendAsync(new byte[] { 200, 1 }, cts.Token);     // unknown: dropped
        await far.SendAsync(new byte[] { 0, 1 }, cts.Token);       // STUN never belongs here
        await far.SendAsync(new byte[] { 22, 0xfe, 0xfd }, cts.Token);
        await far.SendAsync(new byte[] { 0x80, 111 }, cts.Token);
        var buffer = new byte[100];
        Assert.Equal(3, await demux.Dtls.ReceiveAsync(buffer, cts.Token));
        Assert.Equal(22, buffer[0]);
        Assert.Equal(2, await demux.Rtp.ReceiveAsync(buffer, cts.Token));
        Assert.Equal(0x80, buffer[0]);
        Assert.Equal(2, demux.Dropped);
    }

    [Fact(Timeout = 10_000)]
    public async Task RTP_is_dropped_when_no_media_was_negotiated()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var (near, far) = DatagramPipe.Create();
        await using var demux = new DatagramDemux(near, acceptRtp: false);
        await far.SendAsync(new byte[] { 0x80, 111 }, cts.Token);
        await far.SendAsync(new byte[] { 23, 1 }, cts.Token);
        var buffer = new byte[100];
        Assert.Equal(2, await demux.Dtls.ReceiveAsync(buffer, cts.Token));
        Assert.Equal(23, buffer[0]);
        Assert.Equal(1, demux.Dropped);
    }

    [Fact(Timeout = 10_000)]
    public async Task Sends_go_to_the_lower_transport_unchanged()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var (near, far) = DatagramPipe.Create();
        await using var demux = new DatagramDemux(near);
        await demux.Dtls.SendAsync(new byte[] { 22, 9, 9 }, cts.Token);
        var buffer = new byte[100];
        Assert.Equal(3, await far.ReceiveAsync(buffer, cts.Token));
        Assert.Equal(new byte[] { 22, 9, 9 }, buffer[..3]);
    }

    [Fact(Timeout = 10_000)]
    public async Task Closing_the_lower_transport_closes_both_routes()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var (near, far) = DatagramPipe.Create();
        await using var demux = new DatagramDemux(near, acceptRtp: true);
        var dtls = demux.Dtls.ReceiveAsync(new byte[10], cts.Token).AsTask();
        var rtp = demux.Rtp.ReceiveAsync(new byte[10], cts.Token).AsTask();
        await far.DisposeAsync();
        await Assert.ThrowsAsync<TransportClosedException>(() => dtls);
        await Assert.ThrowsAsync<TransportClosedException>(() => rtp);
    }

    [Fact(Timeout = 10_000)]
    public async Task Dispose_stops_the_loop_but_leaves_the_lower_transport_to_its_owner()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var (near, far) = DatagramPipe.Create();
        var demux = new DatagramDemux(near);
        await demux.DisposeAsync();
        await Assert.ThrowsAsync<TransportClosedException>(() => demux.Dtls.ReceiveAsync(new byte[10], cts.Token).AsTask());
        // The lower transport still works for whoever owns it.
        await far.SendAsync(new byte[] { 22 }, cts.Token);
        Assert.Equal(1, await near.ReceiveAsync(new byte[10], cts.Token));
    }
}
