using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using SecureLink.Security.Tests.Support;
using SecureLink.WebRtc.Stun;
using Xunit.Abstractions;

namespace SecureLink.Security.Tests.Injection;

/// <summary>
/// Replay and injection against two real hosts whose every packet goes through an on-path relay
/// (a hostile router: it rewrote the candidates in both codes). The relay holds no key. It
/// replays what it recorded into the live session and into a later one, forges DTLS alerts,
/// and, from an off-path address, sends spoofed STUN and floods the hosts' ports with garbage.
/// After each attack both hosts must still be verified and chat both ways, with no message
/// delivered twice, and nothing of the messages in their logs.
/// </summary>
public sealed class ReplayAndInjectionTests(ITestOutputHelper output)
{
    [AttackFact]
    public async Task Replayed_dtls_records_are_dropped_in_the_live_session_and_in_a_later_one()
    {
        await using var creator = new HostPeer("debug");
        await using var joiner = new HostPeer("debug");
        List<Relayed> recorded;
        string first, second;
        await using (var room = await RelayedRoom.OpenAsync(creator, joiner))
        {
            room.Relay.ClearLog();
            first = await RelayedRoom.DeliverAsync(creator, joiner, "MARKER-replay-creator-1f3a");
            second = await RelayedRoom.DeliverAsync(joiner, creator, "MARKER-replay-joiner-8c2d");
            recorded = [.. room.Relay.Seen.Where(r => Dtls.Is(r.Bytes, Dtls.ApplicationData))];
            Assert.True(recorded.Count >= 4, $"recorded only {recorded.Count} DTLS application records");

            // Into the live session, three times over, from the peer's own address.
            for (var round = 0; round < 3; round++)
                foreach (var r in recorded) await room.Relay.InjectAsync(r.Direction, r.Bytes);
            await Task.Delay(1500);
            Assert.Equal(1, RelayedRoom.Deliveries(joiner, first));
            Assert.Equal(1, RelayedRoom.Deliveries(creator, second));
            await room.AssertAliveAsync("after-live-replay");
            output.WriteLine($"replayed {3 * recorded.Count} recorded DTLS datagrams into the live session: no duplicate, session alive");

            await LeaveAsync(joiner, creator);
        }

        // A later room between the same two hosts: fresh certificates, fresh keys.
        await using (var later = await RelayedRoom.OpenAsync(creator, joiner))
        {
            for (var round = 0; round < 3; round++)
                foreach (var r in recorded) await later.Relay.InjectAsync(r.Direction, r.Bytes);
            await Task.Delay(1500);
            Assert.Equal(1, RelayedRoom.Deliveries(joiner, first));
            Assert.Equal(1, RelayedRoom.Deliveries(creator, second));
            await later.AssertAliveAsync("after-old-replay");
            output.WriteLine($"replayed {3 * recorded.Count} datagrams of the earlier session into the later one: dropped, session alive");
            await LeaveAsync(joiner, creator);
        }

        var (_, creatorLog) = await creator.ExitAsync();
        var (_, joinerLog) = await joiner.ExitAsync();
        Assert.Contains("dtls", creatorLog); // debug logging really was on
        foreach (var log in new[] { creatorLog, joinerLog }) Assert.DoesNotContain("MARKER-", log);

        // BouncyCastle drops these silently; the host must count each one, and say why, in its log.
        foreach (var (name, log, towards) in new[] { ("creator", creatorLog, Direction.JoinerToCreator), ("joiner", joinerLog, Direction.CreatorToJoiner) })
        {
            var injected = 3 * recorded.Where(r => r.Direction == towards).Sum(r => Dtls.RecordCount(r.Bytes));
            var sessions = DtlsSessionsIn(log);
            Assert.True(sessions.Count == 2, $"{name}: expected 2 DTLS sessions in the log, found {sessions.Count}");
            var (live, old) = (sessions[0], sessions[1]);
            output.WriteLine($"{name}: {injected} records replayed at it; live session: {live.Summary}; later session: {old.Summary}");
            // Live: every copy is a replay of a record this very session authenticated, and is counted as one.
            Assert.Equal(injected, live.Dropped("replayed", "application_data"));
            Assert.Equal(injected, live.Count("replayed"));
            Assert.Equal(0, live.Dropped("unauthenticated", "application_data"));
            // Later: the same epoch number, other keys. Each record is dropped either by the window
            // (its sequence number was already used in the new session: dropped unread, a replay as far
            // as the receiver can tell) or, fresh by number, for failing its MAC. None is lost track of.
            Assert.Equal(injected, old.Dropped("replayed", "application_data") + old.Dropped("unauthenticated", "application_data"));
            Assert.Equal(old.Dropped("replayed", "application_data"), old.Count("replayed"));
        }
    }

    private static async Task LeaveAsync(HostPeer leaver, HostPeer stayer)
    {
        await leaver.OkAsync("room.leave");
        await stayer.StateAsync("closed");
        await stayer.OkAsync("room.leave");
    }

    /// <summary>One DTLS session's drop lines and its closing summary, as the host logged them (header fields and counts only).</summary>
    private sealed record DtlsSessionLog(IReadOnlyList<string> Drops, string Summary)
    {
        public int Dropped(string reason, string contentType) =>
            Drops.Count(d => d.Contains($"dropped a {reason} {contentType} record", StringComparison.Ordinal));

        public long Count(string what) =>
            long.Parse(System.Text.RegularExpressions.Regex.Match(Summary, $@"(\d+) {what}").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static List<DtlsSessionLog> DtlsSessionsIn(string log)
    {
        var sessions = new List<DtlsSessionLog>();
        var drops = new List<string>();
        foreach (var line in log.Split('\n'))
        {
            if (line.Contains("dtls: dropped a ", StringComparison.Ordinal)) drops.Add(line);
            else if (line.Contains("dtls: closed: ", StringComparison.Ordinal) && line.Contains("records received: ", StringComparison.Ordinal))
            {
                sessions.Add(new DtlsSessionLog(drops, line[(line.IndexOf("records received: ", StringComparison.Ordinal) + 18)..]));
                drops = [];
            }
        }
        return sessions;
    }

    [AttackFact]
    public async Task Forged_dtls_alerts_from_the_path_do_not_close_the_session()
    {
        await using var creator = new HostPeer();
        await using var joiner = new HostPeer();
        await using var room = await RelayedRoom.OpenAsync(creator, joiner);

        // A close_notify or fatal alert has to be authenticated to count. In the clear (epoch 0)
        // after the handshake it is ignored; in epoch 1 without the key its MAC fails and the
        // record is dropped (RFC 6347 §4.1.2.7), however plausible its length.
        var forged = new List<byte[]>();
        ulong seq = 1000;
        foreach (var (level, description) in new[] { (1, 0), (2, 0), (2, 40), (2, 20), (2, 42), (2, 10) })
        {
            forged.Add(Dtls.Record(Dtls.Alert, 0, seq++, [(byte)level, (byte)description]));
            forged.Add(Dtls.Record(Dtls.Alert, 1, seq++, [.. RandomNumberGenerator.GetBytes(8), (byte)level, (byte)description, .. RandomNumberGenerator.GetBytes(16)]));
            forged.Add(Dtls.Record(Dtls.Alert, 1, 1 + (ulong)forged.Count, RandomNumberGenerator.GetBytes(2)));
        }
        foreach (var direction in new[] { Direction.CreatorToJoiner, Direction.JoinerToCreator })
            foreach (var alert in forged) await room.Relay.InjectAsync(direction, alert);
        await Task.Delay(1000);
        await room.AssertAliveAsync("after-forged-alerts");
        output.WriteLine($"{2 * forged.Count} forged alerts (close_notify, handshake_failure, bad_record_mac, bad_certificate, unexpected_message; clear and epoch 1): session alive");
    }

    [AttackFact]
    public async Task Spoofed_stun_from_an_off_path_address_with_wrong_credentials_is_ignored()
    {
        await using var creator = new HostPeer("debug");
        await using var joiner = new HostPeer("debug");
        await using var room = await RelayedRoom.OpenAsync(creator, joiner);
        using var offPath = new ExtraAddresses(1, first: 31);
        using var socket = new UdpClient(new IPEndPoint(offPath.Addresses[0], 0));
        var targets = new[] { room.Relay.Creator, room.Relay.Joiner! };

        var sent = 0;
        foreach (var target in targets)
        {
            for (var i = 0; i < 20; i++)
            {
                foreach (var check in SpoofedChecks())
                {
                    await socket.SendAsync(check, target);
                    sent++;
                }
            }
        }
        await Task.Delay(1000);
        await room.AssertAliveAsync("after-spoofed-stun");
        var (_, creatorLog) = await creator.ExitAsync();
        var (_, joinerLog) = await joiner.ExitAsync();
        // The path each host selected never changed, and none of them ever used the spoofer's address.
        Assert.Single(creatorLog.Split('\n'), l => l.Contains("ICE selected", StringComparison.Ordinal));
        Assert.Single(joinerLog.Split('\n'), l => l.Contains("ICE selected", StringComparison.Ordinal));
        Assert.DoesNotContain($"-> {offPath.Addresses[0]}", creatorLog + joinerLog);
        output.WriteLine($"{sent} spoofed STUN checks from {offPath.Addresses[0]}: ignored; " +
            $"'wrong credentials' logged {Count(creatorLog + joinerLog, "wrong credentials")} times, 'without valid FINGERPRINT' {Count(creatorLog + joinerLog, "FINGERPRINT")} times");
    }

    [AttackFact]
    public async Task A_flood_of_garbage_udp_at_the_hosts_ports_does_not_stop_the_chat()
    {
        await using var creator = new HostPeer();
        await using var joiner = new HostPeer();
        await using var room = await RelayedRoom.OpenAsync(creator, joiner);
        using var offPath = new ExtraAddresses(2, first: 41);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(4));
        long flooded = 0;

        async Task FloodAsync(Func<byte[], Task> send)
        {
            var random = new Random(1234);
            while (!stop.IsCancellationRequested)
            {
                var datagram = new byte[random.Next(1, 1200)];
                random.NextBytes(datagram);
                // Every class RFC 7983 tells apart by first byte: STUN, DTLS, RTP/RTCP, and junk.
                datagram[0] = (byte)(random.Next(4) switch { 0 => random.Next(0, 4), 1 => random.Next(20, 64), 2 => random.Next(128, 192), _ => random.Next(256) });
                try { await send(datagram); } catch (SocketException) { }
                Interlocked.Increment(ref flooded);
            }
        }

        var sockets = offPath.Addresses.Select(a => new UdpClient(new IPEndPoint(a, 0))).ToList();
        try
        {
            var floods = new List<Task>();
            foreach (var s in sockets)
            {
                floods.Add(Task.Run(() => FloodAsync(d => s.SendAsync(d, room.Relay.Creator).AsTask())));
                floods.Add(Task.Run(() => FloodAsync(d => s.SendAsync(d, room.Relay.Joiner!).AsTask())));
            }
            // The relay injects from the peer's own address: the hardest case for the hosts.
            floods.Add(Task.Run(() => FloodAsync(d => room.Relay.InjectAsync(Direction.JoinerToCreator, d))));
            floods.Add(Task.Run(() => FloodAsync(d => room.Relay.InjectAsync(Direction.CreatorToJoiner, d))));

            var delivered = 0;
            while (!stop.IsCancellationRequested)
            {
                await RelayedRoom.DeliverAsync(creator, joiner, $"during-flood-c-{delivered}");
                await RelayedRoom.DeliverAsync(joiner, creator, $"during-flood-j-{delivered}");
                delivered++;
            }
            await Task.WhenAll(floods);
            output.WriteLine($"{flooded} garbage datagrams in 4 s ({flooded / 4} per second) at both hosts; {2 * delivered} messages delivered with receipts meanwhile");
            Assert.True(delivered >= 1, "no round trip completed during the flood");
            Assert.True(flooded > 1000, $"the flood sent only {flooded} datagrams");
        }
        finally
        {
            foreach (var s in sockets) s.Dispose();
        }
        await room.AssertAliveAsync("after-flood");
    }

    /// <summary>Binding requests an off-path attacker can make without the room's ICE passwords.</summary>
    private static IEnumerable<byte[]> SpoofedChecks()
    {
        // Wrong username and a made-up key.
        yield return new StunMessage(StunMessageClass.Request, StunMethod.Binding)
            .Add(new UsernameAttribute("abcd:efgh")).Add(new UseCandidateAttribute())
            .Encode(RandomNumberGenerator.GetBytes(16), fingerprint: true);
        // No integrity at all.
        yield return new StunMessage(StunMessageClass.Request, StunMethod.Binding)
            .Add(new UsernameAttribute("abcd:efgh")).Encode(null, fingerprint: true);
        // No fingerprint.
        yield return new StunMessage(StunMessageClass.Request, StunMethod.Binding)
            .Add(new UsernameAttribute("abcd:efgh")).Encode(RandomNumberGenerator.GetBytes(16), fingerprint: false);
        // A success response nobody asked for (a spoofed answer to a check).
        yield return new StunMessage(StunMessageClass.SuccessResponse, StunMethod.Binding)
            .Add(new XorMappedAddressAttribute(new IPEndPoint(IPAddress.Parse("198.18.0.31"), 9))).Encode(RandomNumberGenerator.GetBytes(16), fingerprint: true);
        // STUN-looking junk.
        var junk = RandomNumberGenerator.GetBytes(60);
        junk[0] = 0; junk[1] = 1;
        yield return junk;
    }

    private static int Count(string text, string what)
    {
        var n = 0;
        for (var i = text.IndexOf(what, StringComparison.Ordinal); i >= 0; i = text.IndexOf(what, i + 1, StringComparison.Ordinal)) n++;
        return n;
    }
}
