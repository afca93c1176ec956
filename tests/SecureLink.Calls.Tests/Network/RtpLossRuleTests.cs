using System.Net;
using System.Net.Sockets;
using SecureLink.Calls.Measurement;

namespace SecureLink.Calls.Tests.Network;

/// <summary>The loss rule drops the share of RTP it was given and nothing else, and leaves no trace.</summary>
[Collection(NamespaceFirewall.Name)]
public sealed class RtpLossRuleTests
{
    private enum Kind { Rtp, Rtcp, Stun, Dtls }

    private static byte[] Packet(Kind kind, int seq)
    {
        var p = new byte[120];
        (p[0], p[1]) = kind switch
        {
            Kind.Rtp => ((byte)0x80, (byte)(seq % 2 == 0 ? 0x6F : 0xEF)), // Opus PT 111, marker on odd
            Kind.Rtcp => ((byte)0x81, (byte)0xC8),                         // SR (RFC 5761 range)
            Kind.Stun => ((byte)0x00, (byte)0x01),
            _ => ((byte)0x17, (byte)0xFE),                                  // DTLS application data
        };
        BitConverter.TryWriteBytes(p.AsSpan(4), seq);
        return p;
    }

    // Sends perKind packets of each kind in batches small enough for any socket buffer, so only the
    // rule can lose packets, and after each batch reads until every packet is accounted for: received
    // here or counted by the rule. Waiting for the count (not for a quiet moment) is what makes the
    // tally exact on a loaded machine, where a receive can lag well behind its send.
    private static async Task<Dictionary<Kind, int>> SendAndCountAsync(int perKind, RtpLossRule? rule)
    {
        using var receiver = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        using var sender = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var target = (IPEndPoint)receiver.Client.LocalEndPoint!;
        var received = new Dictionary<Kind, int> { [Kind.Rtp] = 0, [Kind.Rtcp] = 0, [Kind.Stun] = 0, [Kind.Dtls] = 0 };
        var seq = 0;
        var sentTotal = 0;
        var receivedTotal = 0;
        for (var batch = 0; batch < perKind / 50; batch++)
        {
            for (var i = 0; i < 50; i++)
                foreach (var kind in received.Keys.ToList())
                {
                    await sender.SendAsync(Packet(kind, seq++), target);
                    sentTotal++;
                }
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
            while (receivedTotal + (rule?.Dropped ?? 0) < sentTotal && DateTime.UtcNow < deadline)
            {
                using var quiet = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
                try
                {
                    while (true)
                    {
                        var r = await receiver.ReceiveAsync(quiet.Token);
                        var kind = r.Buffer[0] switch { 0x80 => Kind.Rtp, 0x81 => Kind.Rtcp, 0x00 => Kind.Stun, _ => Kind.Dtls };
                        received[kind]++;
                        receivedTotal++;
                    }
                }
                catch (OperationCanceledException) { /* quiet for 100 ms: see whether the rest was dropped */ }
            }
        }
        return received;
    }

    [Fact]
    public async Task Drops_the_given_share_of_RTP_and_nothing_else()
    {
        const int perKind = 1000, percent = 30;
        Dictionary<Kind, int> received;
        long counted;
        string table;
        using (var rule = RtpLossRule.Install(percent))
        {
            received = await SendAndCountAsync(perKind, rule);
            counted = rule.Dropped;
            table = Tool.Run("nft", ["list", "tables"]);
        }
        Assert.Contains("sl_rtp_loss_", table, StringComparison.Ordinal);
        // numgen random is a fair coin per packet: the RTP that passes is binomial(1000, 0.7), mean
        // 700, sd 14.5. Six sd (613..787) fails about once in 500 million runs, yet a rule that drops
        // 20 % or 40 % instead (mean 800 or 600) lands outside it almost every time.
        var mean = perKind * (100 - percent) / 100.0;
        var sd = Math.Sqrt(perKind * percent / 100.0 * (100 - percent) / 100.0);
        Assert.InRange(received[Kind.Rtp], (int)Math.Ceiling(mean - 6 * sd), (int)Math.Floor(mean + 6 * sd));
        // Nothing else is touched, exactly, and every RTP packet missing is one the rule counted.
        Assert.Equal(perKind, received[Kind.Rtcp]);
        Assert.Equal(perKind, received[Kind.Stun]);
        Assert.Equal(perKind, received[Kind.Dtls]);
        Assert.Equal(perKind - received[Kind.Rtp], counted);

        Assert.DoesNotContain("sl_rtp_loss_", Tool.Run("nft", ["list", "tables"]), StringComparison.Ordinal);
        var after = await SendAndCountAsync(100, null);
        Assert.Equal(100, after[Kind.Rtp]);
    }

    [Fact]
    public async Task A_rule_for_one_port_leaves_other_ports_alone()
    {
        using var other = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)other.Client.LocalEndPoint!).Port;
        long counted;
        Dictionary<Kind, int> received;
        using (var rule = RtpLossRule.Install(100, port))
        {
            received = await SendAndCountAsync(100, null);
            counted = rule.Dropped;
        }
        Assert.Equal(100, received[Kind.Rtp]);
        Assert.Equal(0, counted);
    }

    [Fact]
    public void Refuses_to_run_outside_the_private_namespace()
    {
        Assert.Equal("1", Environment.GetEnvironmentVariable("SECURELINK_ISOLATED")); // the suite runs inside isolated.sh
        var e = Assert.Throws<InvalidOperationException>(() => RtpLossRule.EnsureIsolated(null));
        Assert.Contains("isolated.sh", e.Message, StringComparison.Ordinal);
    }
}
