using SecureLink.WebRtc.Transport;
using Xunit;

namespace SecureLink.WebRtc.Sctp.Tests;

public class AssociationTests
{
    [Fact]
    public async Task Client_and_server_establish()
    {
        await using var pair = await TestPair.ConnectAsync();
        Assert.Equal(SctpAssociationState.Established, pair.Client.State);
        Assert.Equal(SctpAssociationState.Established, pair.Server.State);
    }

    [Fact]
    public async Task Init_collision_still_establishes()
    {
        await using var pair = await TestPair.ConnectAsync(bothClients: true);
        Assert.Equal(SctpAssociationState.Established, pair.Client.State);
        Assert.Equal(SctpAssociationState.Established, pair.Server.State);
    }

    [Fact]
    public async Task Establishes_over_a_lossy_link()
    {
        var lossy = new PipeImpairment(LossRate: 0.3, Seed: 7);
        await using var pair = await TestPair.ConnectAsync(lossy, lossy with { Seed = 8 },
            tweak: o => new SctpOptions { IsClient = o.IsClient, RtoInitial = TimeSpan.FromMilliseconds(100), RemoteMaxMessageSize = o.RemoteMaxMessageSize });
        Assert.Equal(SctpAssociationState.Established, pair.Client.State);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Init_collision_over_a_lossy_link_establishes_and_carries_data(int seed)
    {
        var lossy = new PipeImpairment(LossRate: 0.25, ReorderRate: 0.2, Seed: seed);
        await using var pair = await TestPair.ConnectAsync(lossy, lossy with { Seed = seed + 100 }, bothClients: true,
            tweak: o => new SctpOptions { IsClient = o.IsClient, RtoInitial = TimeSpan.FromMilliseconds(100), RemoteMaxMessageSize = o.RemoteMaxMessageSize });
        pair.ClientChannels = new DataChannels.DataChannelManager(pair.Client, true);
        pair.ServerChannels = new DataChannels.DataChannelManager(pair.Server, false);
        var (local, remote) = await pair.OpenChannelAsync("after-collision");
        var collector = new MessageCollector(remote, 50);
        for (var i = 0; i < 50; i++) await local.SendAsync("c" + i);
        Assert.Equal(Enumerable.Range(0, 50).Select(i => "c" + i), (await collector.WaitAsync()).Select(m => m.Text));
    }
}
