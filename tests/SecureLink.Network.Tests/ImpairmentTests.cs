namespace SecureLink.Network.Tests;

/// <summary>The data channel under random loss (nft numgen): every message arrives, once, in order.</summary>
public sealed class ImpairmentTests
{
    [NetFact]
    public async Task At_10_percent_loss_each_way_every_message_arrives_once_and_in_order()
    {
        using var lan = Lan.Create(new LanOptions());
        await using var a = new NetHost(lan.A);
        await using var b = new NetHost(lan.B);
        await RoomFlow.VerifyAsync(a, b);
        Nft.Loss(lan.A, 10); // on A's input and output: 10 % of every packet each way, SCTP SACKs included

        const int Count = 40;
        var ids = new List<string>();
        for (var i = 0; i < Count; i++)
        {
            // Sizes from a few bytes to several SCTP fragments, so reassembly under loss is exercised too.
            var text = $"m{i:D2} " + new string('x', i % 4 == 3 ? 3000 : i * 7);
            ids.Add((await a.OkAsync("chat.send", $"\"text\":\"{text}\"")).GetProperty("messageId").GetString()!);
        }
        var shown = new List<HostEvent>();
        for (var i = 0; i < Count; i++) shown.Add(await b.EventAsync("chat.message", seconds: 60));
        Assert.Equal(ids, shown.Select(e => e.Str("messageId")));
        Assert.All(shown.Select((e, i) => (e, i)), x => Assert.StartsWith($"m{x.i:D2} ", x.e.Str("text")));
        Assert.Equal(Count, ids.Distinct().Count());
        foreach (var id in ids) await a.EventAsync("chat.receipt", e => e.Str("messageId") == id, 60);
        Assert.Equal(Count, b.Seen.Count(e => e.Name == "chat.message"));
    }
}
