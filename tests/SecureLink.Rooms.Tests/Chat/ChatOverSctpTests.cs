using SecureLink.Rooms.Chat;
using SecureLink.WebRtc.DataChannels;
using SecureLink.WebRtc.Sctp;
using SecureLink.WebRtc.Transport;
using Xunit;

namespace SecureLink.Rooms.Tests.Chat;

/// <summary>
/// The chat over the real SCTP association and DCEP data channel (in memory below SCTP, with
/// loss and reordering), through <see cref="DataChannelChatChannel"/>: what production runs,
/// minus DTLS and ICE which do not change what the chat sees.
/// </summary>
public class ChatOverSctpTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Messages_receipts_and_the_longest_frame_survive_a_lossy_link()
    {
        var impairment = new PipeImpairment(LossRate: 0.05, ReorderRate: 0.05, Seed: 11);
        var (lowerA, lowerB) = DatagramPipe.Create(impairment, impairment with { Seed = 12 });
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var server = SctpAssociation.ConnectAsync(lowerB, new SctpOptions { IsClient = false, RemoteMaxMessageSize = 262144 }, cts.Token);
        var client = SctpAssociation.ConnectAsync(lowerA, new SctpOptions { IsClient = true, RemoteMaxMessageSize = 262144 }, cts.Token);
        await using var sctpA = await client.WaitAsync(Timeout);
        await using var sctpB = await server.WaitAsync(Timeout);
        await using var managerA = new DataChannelManager(sctpA, isDtlsClient: true);
        await using var managerB = new DataChannelManager(sctpB, isDtlsClient: false);
        var remote = new TaskCompletionSource<DataChannel>(TaskCreationOptions.RunContinuationsAsynchronously);
        managerB.ChannelOpened += c => remote.TrySetResult(c);
        var channelA = await managerA.CreateChannelAsync("securelink-chat").WaitAsync(Timeout);
        var channelB = await remote.Task.WaitAsync(Timeout);

        using var wireA = new DataChannelChatChannel(channelA);
        using var wireB = new DataChannelChatChannel(channelB);
        using var a = new ChatSession(wireA);
        using var b = new ChatSession(wireB);
        var receiptsAtA = 0;
        a.ReceiptReceived += _ => Interlocked.Increment(ref receiptsAtA);

        var longest = string.Concat(Enumerable.Repeat("😀", 16384)); // 65,536 bytes: a 65,562-byte frame
        var sent = new List<string>();
        for (var i = 0; i < 100; i++)
            sent.Add(await a.SendAsync(i == 50 ? longest : $"over sctp {i}", cts.Token));
        var back = await b.SendAsync("and back", cts.Token);
        await channelB.SendAsync("a text message is not a chat frame", cts.Token);

        await ChatPair.Eventually(() => Volatile.Read(ref receiptsAtA) == 100 && a.History.Contains(back), "100 receipts and a reply");
        var atB = b.History.Snapshot(int.MaxValue).Messages.Where(m => m.From == ChatSender.Peer).ToList();
        Assert.Equal(sent, atB.Select(m => m.MessageId));
        Assert.Equal(longest, atB[50].Text);
        Assert.All(sent, id => Assert.Equal(ChatMessageStatus.Delivered, a.History.Find(id)!.Status));
        await ChatPair.Eventually(() => a.FramesRejected == 1, "the text message counted as rejected");
        Assert.Equal(0, a.SendFailures);
        Assert.Equal(0, b.FramesRejected);
        Assert.Equal(0, a.DuplicatesReceived + b.DuplicatesReceived);
    }
}
