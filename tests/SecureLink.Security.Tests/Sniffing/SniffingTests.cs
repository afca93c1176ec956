using SecureLink.Security.Tests.Support;
using Xunit.Abstractions;

namespace SecureLink.Security.Tests.Sniffing;

/// <summary>
/// "Packet sniffing yields only unintelligible data." tcpdump records every UDP packet of a whole
/// session between two real hosts (create, join, PIN check, chat both ways with a known marker,
/// a long message, leave), then the capture is searched for the marker and the PIN in every
/// plain encoding, and broken down by protocol as a sniffer would see it.
/// </summary>
public sealed class SniffingTests(ITestOutputHelper output)
{
    private const string Marker = "SNIFF-MARKER-7d41c09e-the-quick-brown-fox";

    [AttackFact]
    public async Task A_capture_of_a_whole_session_holds_neither_the_marker_nor_the_pin_in_any_encoding()
    {
        if (!File.Exists(PacketCapture.Tcpdump)) throw new InvalidOperationException("tcpdump is missing (tests/tools/prereqs.sh test installs it)");
        await using var capture = await PacketCapture.StartAsync();
        string pin;
        await using (var creator = new HostPeer())
        await using (var joiner = new HostPeer())
        {
            // A 10-digit PIN, so a chance match of its ASCII in the capture is negligible.
            var created = await creator.OkAsync("room.create", "\"mode\":\"offline\",\"pinDigits\":10");
            pin = created.GetProperty("pin").GetString()!;
            var joined = await joiner.OkAsync("room.join", $"\"invite\":\"{created.GetProperty("invite").GetString()}\",\"pin\":\"{pin}\"");
            await creator.OkAsync("room.accept", $"\"reply\":\"{joined.GetProperty("reply").GetString()}\"");
            await creator.StateAsync("verified");
            await joiner.StateAsync("verified");
            await RelayedRoom.DeliverAsync(creator, joiner, Marker);
            await RelayedRoom.DeliverAsync(joiner, creator, "reply: " + Marker);
            await RelayedRoom.DeliverAsync(creator, joiner, string.Concat(Enumerable.Repeat(Marker + " ", 400))); // ~17 KB, many SCTP chunks
            await joiner.OkAsync("room.leave");
            await creator.StateAsync("closed");
        }
        var datagrams = await capture.StopAsync();

        var breakdown = new ProtocolBreakdown(datagrams);
        output.WriteLine($"{datagrams.Count} UDP datagrams, {datagrams.Sum(d => d.Length)} payload bytes, {capture.DroppedByKernel} dropped by the kernel\n" + breakdown.ToMarkdown());
        Assert.True(breakdown.Count("STUN") > 0 && breakdown.Count("DTLS handshake (clear)") > 0 && breakdown.Count("DTLS application_data") > 10,
            $"the capture did not see the session ({capture.DroppedByKernel} packets dropped by the kernel):\n" + breakdown.ToMarkdown());
        // Nothing but STUN and DTLS crossed the wire: no plaintext protocol at all.
        Assert.Equal(0, breakdown.Count("other"));
        Assert.Equal(0, breakdown.Count("DTLS other"));

        Assert.Empty(SecretEncodings.FoundIn(datagrams, Marker));
        Assert.Empty(SecretEncodings.FoundIn(datagrams, pin));
    }

    [Fact]
    public void The_search_finds_each_encoding_when_it_is_there()
    {
        // Guards the test above against a search that can never succeed.
        foreach (var (name, bytes) in SecretEncodings.Of(Marker))
        {
            byte[] datagram = [23, 0xFE, 0xFD, .. "xy"u8.ToArray(), .. bytes, 9, 9];
            Assert.Contains(name, SecretEncodings.FoundIn([datagram], Marker));
        }
        foreach (var prefix in new[] { "", "a", "ab" })
        {
            var b64 = System.Text.Encoding.ASCII.GetBytes(Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(prefix + Marker + "!")));
            Assert.NotEmpty(SecretEncodings.FoundIn([b64], Marker));
        }
    }
}
