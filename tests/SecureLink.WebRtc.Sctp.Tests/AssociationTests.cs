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
}
