using System.Diagnostics;
using Xunit.Abstractions;

namespace SecureLink.Network.Tests;

/// <summary>
/// A verified room whose path dies and comes back, and one whose path dies for good. Messages
/// typed while the path is down must arrive once each, in order, with true receipts; a path that
/// never returns must end in <c>peer_unreachable</c> on both sides within the consent timeout.
/// </summary>
public sealed class ResilienceTests(ITestOutputHelper output)
{
    /// <summary>The product's RFC 7675 consent timeout (RoomOptions.ConsentTimeout).</summary>
    private static readonly TimeSpan ConsentTimeout = TimeSpan.FromSeconds(30);

    [NetFact]
    public async Task Chat_typed_during_outages_arrives_once_in_order_with_receipts_after_the_path_returns()
    {
        using var lan = Lan.Create(new LanOptions());
        await using var a = new NetHost(lan.A);
        await using var b = new NetHost(lan.B);
        await RoomFlow.VerifyAsync(a, b);
        await RoomFlow.ChatAsync(a, b, "before");

        // 1. The cable is pulled at the switch for 4 s (carrier lost on A's side too).
        var sent = new List<(NetHost From, string Id, string Text)>();
        var swNs = SwitchOf(lan);
        swNs.Ip("link", "set", "dev", "pa", "down");
        await SendSomeAsync(a, b, sent, "cable", 3);
        await Task.Delay(4000);
        swNs.Ip("link", "set", "dev", "pa", "up");
        await AllDeliveredAsync(sent, TimeSpan.FromSeconds(30));

        // 2. Everything dropped for 12 s: past a third of the consent timeout, so ICE goes
        //    Disconnected and must come back to Connected when consent answers return.
        sent.Clear();
        Nft.Blackout(lan.A);
        await SendSomeAsync(a, b, sent, "blackout", 3);
        await Task.Delay(12_000);
        Nft.Restore(lan.A);
        var back = Stopwatch.StartNew();
        await AllDeliveredAsync(sent, TimeSpan.FromSeconds(30));
        output.WriteLine($"after the 12 s blackout everything was delivered {back.ElapsedMilliseconds} ms after the path returned");
        Assert.DoesNotContain(a.Seen.Concat(b.Seen), e => e.Name == "room.state" && e.Str("state") is "failed" or "closed");

        // Nothing was lost or doubled, and the order is each sender's order.
        foreach (var (from, to) in new[] { (a, b), (b, a) })
        {
            var mine = from.Seen.Where(e => e.Name == "chat.message" && e.Str("from") == "me").Select(e => e.Str("messageId")).ToList();
            var shown = to.Seen.Where(e => e.Name == "chat.message" && e.Str("from") == "peer").Select(e => e.Str("messageId")).ToList();
            Assert.Equal(mine, shown);
        }
        await RoomFlow.ChatAsync(b, a, "after");
        var history = (await a.OkAsync("state.get")).GetProperty("messages").EnumerateArray().ToList();
        Assert.All(history.Where(m => m.GetProperty("from").GetString() == "me"), m => Assert.Equal("delivered", m.GetProperty("status").GetString()));
    }

    private static Netns SwitchOf(Lan lan) => lan.Switch ?? throw new InvalidOperationException("this LAN has no switch");

    private static async Task SendSomeAsync(NetHost a, NetHost b, List<(NetHost, string, string)> sent, string tag, int each)
    {
        for (var i = 0; i < each; i++)
        {
            foreach (var (from, name) in new[] { (a, "A"), (b, "B") })
            {
                var text = $"{tag} {name} {i}";
                var id = (await from.OkAsync("chat.send", $"\"text\":\"{text}\"")).GetProperty("messageId").GetString()!;
                sent.Add((from, id, text));
            }
        }
    }

    private static async Task AllDeliveredAsync(List<(NetHost From, string Id, string Text)> sent, TimeSpan within)
    {
        var until = Stopwatch.StartNew();
        foreach (var (from, id, _) in sent)
        {
            while (!from.Seen.Any(e => e.Name == "chat.receipt" && e.Str("messageId") == id))
            {
                if (until.Elapsed > within) throw new TimeoutException($"no receipt for {id} within {within.TotalSeconds} s; saw {string.Join(' ', from.Seen)}");
                await Task.Delay(50);
            }
        }
    }

    [NetFact]
    public async Task A_path_that_never_returns_ends_in_peer_unreachable_on_both_sides_within_the_consent_timeout()
    {
        using var lan = Lan.Create(new LanOptions());
        await using var a = new NetHost(lan.A);
        await using var b = new NetHost(lan.B);
        await RoomFlow.VerifyAsync(a, b);
        await RoomFlow.ChatAsync(a, b, "last words");
        var cut = Stopwatch.GetTimestamp();
        Nft.Blackout(lan.A);
        var fa = await a.StateAsync("failed", ConsentTimeout.TotalSeconds + 10);
        var fb = await b.StateAsync("failed", ConsentTimeout.TotalSeconds + 10);
        output.WriteLine($"A failed after {Stopwatch.GetElapsedTime(cut, fa.At).TotalSeconds:F1} s, B after {Stopwatch.GetElapsedTime(cut, fb.At).TotalSeconds:F1} s: {fa}");
        Assert.Equal("peer_unreachable", fa.Str("reasonCode"));
        Assert.Equal("peer_unreachable", fb.Str("reasonCode"));
        // Not before ICE would even call the path Disconnected (a third of the timeout: the 12 s
        // blackout above survives), and not later than the consent timeout plus one check interval.
        foreach (var f in new[] { fa, fb })
            Assert.InRange(Stopwatch.GetElapsedTime(cut, f.At), ConsentTimeout / 3, ConsentTimeout + TimeSpan.FromSeconds(6));
        // The history stays visible until the user leaves.
        Assert.Equal(1, (await a.OkAsync("state.get")).GetProperty("messages").GetArrayLength());
    }
}
