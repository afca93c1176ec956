using System.Net;
using System.Net.Sockets;
using SecureLink.Calls.Measurement;

namespace SecureLink.Calls.Tests.Network;

/// <summary>The loss rule drops the share of RTP it was given and nothing else, and leaves no trace.</summary>
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

    private static async Task<Dictionary<Kind, int>> SendAndCountAsync(int perKind)
    {
        using var receiver = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        using var sender = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var target = (IPEndPoint)receiver.Client.LocalEndPoint!;
        var received = new Dictionary<Kind, int> { [Kind.Rtp] = 0, [Kind.Rtcp] = 0, [Kind.Stun] = 0, [Kind.Dtls] = 0 };
        var seq = 0;
        // Batches small enough for any socket buffer, so only the rule can lose packets.
        for (var batch = 0; batch < perKind / 50; batch++)
        {
            var sent = 0;
            for (var i = 0; i < 50; i++)
                foreach (var kind in received.Keys.ToList())
                {
                    await sender.SendAsync(Packet(kind, seq++), target);
                    sent++;
                }
            using var quiet = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
            try
            {
                for (var got = 0; got < sent; got++)
                {
                    var r = await receiver.ReceiveAsync(quiet.Token);
                    var kind = r.Buffer[0] switch { 0x80 => Kind.Rtp, 0x81 => Kind.Rtcp, 0x00 => Kind.Stun, _ => Kind.Dtls };
                    received[kind]++;
                }
            }
            catch (OperationCanceledException) { /* the rest of the batch was dropped */ }
        }
        return received;
    }

    [Fact]
    public async Task Drops_the_given_share_of_RTP_and_nothing_else()
    {
        const int perKind = 1000;
        Dictionary<Kind, int> received;
        long counted;
        string table;
        using (var rule = RtpLossRule.Install(30))
        {
            received = await SendAndCountAsync(perKind);
            counted = rule.Dropped;
            table = Tool.Run("nft", ["list", "tables"]);
        }
        Assert.Contains("sl_rtp_loss_", table, StringComparison.Ordinal);
        Assert.InRange(received[Kind.Rtp], 600, 800);        // 700 expected; binomial sd ≈ 14.5
        Assert.Equal(perKind, received[Kind.Rtcp]);
        Assert.Equal(perKind, received[Kind.Stun]);
        Assert.Equal(perKind, received[Kind.Dtls]);
        Assert.Equal(perKind - received[Kind.Rtp], counted);

        Assert.DoesNotContain("sl_rtp_loss_", Tool.Run("nft", ["list", "tables"]), StringComparison.Ordinal);
        var after = await SendAndCountAsync(100);
        Assert.Equal(100, after[Kind.Rtp]);
    }

    [Fact]
    public void Refuses_to_run_outside_the_private_namespace()
    {
        Assert.Equal("1", Environment.GetEnvironmentVariable("SECURELINK_ISOLATED")); // the suite runs inside isolated.sh
        var e = Assert.Throws<InvalidOperationException>(() => RtpLossRule.EnsureIsolated(null));
        Assert.Contains("isolated.sh", e.Message, StringComparison.Ordinal);
    }
}
