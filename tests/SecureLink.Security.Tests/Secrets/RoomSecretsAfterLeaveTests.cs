using System.Net;
using System.Text;
using Org.BouncyCastle.Crypto.Parameters;
using SecureLink.Rooms.Pake;
using SecureLink.Rooms.Session;
using SecureLink.WebRtc;
using SecureLink.WebRtc.Dtls;
using Xunit.Abstractions;

namespace SecureLink.Security.Tests.Secrets;

/// <summary>
/// What a room keeps after leave, inspected in-process (two RoomSessions over loopback UDP, real
/// ICE, DTLS, SCTP and PIN check). Before leaving, the test reaches into the room (reflection) and
/// takes the secrets it holds: the PAKE session key, the DTLS SRTP master keys and salts, the
/// DTLS master secret, the DTLS private key scalar, the PIN and the chat texts. After leave, the
/// very buffers that held them must be zero, and nothing reachable from the room object may
/// contain any of them.
/// </summary>
public sealed class RoomSecretsAfterLeaveTests(ITestOutputHelper output)
{
    private static RoomOptions Loopback() => new()
    {
        IncludeLoopback = true,
        AddressFilter = a => a.Equals(IPAddress.Loopback),
        PakeTimeout = TimeSpan.FromSeconds(30),
    };

    [Fact(Timeout = 90_000)]
    public async Task After_leave_every_key_buffer_is_zero_and_nothing_the_room_keeps_holds_a_secret()
    {
        var creatorEvents = new Support.Attacker.Probe();
        var joinerEvents = new Support.Attacker.Probe();
        var creator = await RoomSession.CreateAsync(Loopback(), creatorEvents.Sink, CancellationToken.None);
        var pin = creator.Invitation!.Pin;
        var joiner = await RoomSession.JoinAsync(creator.Invitation.Invite, pin, Loopback(), joinerEvents.Sink, CancellationToken.None);
        await creator.AcceptAsync(joiner.Reply!.Reply, CancellationToken.None);
        await creatorEvents.WaitStateAsync(RoomState.Verified);
        await joinerEvents.WaitStateAsync(RoomState.Verified);
        const string Text = "SECRET-TEXT-2f6b-in-memory-only";
        await creator.SendAsync(Text, CancellationToken.None);
        await joiner.SendAsync(Text + " back", CancellationToken.None);
        await Task.Delay(500);

        // The secrets as the room holds them (live references) and copies to search for.
        var pake = (PakeResult)ObjectGraph.Field(creator, "_pake")!;
        var pc = (RtcPeerConnection)ObjectGraph.Field(ObjectGraph.Field(creator, "_attempt")!, "<Pc>k__BackingField")!;
        var srtp = pc.SrtpKeys!;
        var dtlsState = ObjectGraph.Field(ObjectGraph.Field(pc, "_dtls")!, "_state")!;
        var masterSecret = (byte[])ObjectGraph.Field(ObjectGraph.Field(dtlsState, "_masterSecret")!, "m_data")!;
        var certificate = (DtlsCertificate)ObjectGraph.Field(creator, "_certificate")!;
        var privateScalar = ((ECPrivateKeyParameters)ObjectGraph.Field(certificate, "_privateKey")!).D.ToByteArrayUnsigned();
        var pinBuffer = (char[])ObjectGraph.Field(joiner, "_pin")!;
        var live = new Dictionary<string, Array>
        {
            ["PAKE session key"] = pake.SessionKey,
            ["SRTP client master key"] = srtp.ClientMasterKey,
            ["SRTP server master key"] = srtp.ServerMasterKey,
            ["SRTP client salt"] = srtp.ClientMasterSalt,
            ["SRTP server salt"] = srtp.ServerMasterSalt,
            ["DTLS master secret"] = masterSecret,
        };
        Assert.All(live, kv => Assert.Contains(kv.Value.Cast<byte>(), b => b != 0)); // they were real keys
        var needles = live.ToDictionary(kv => kv.Key, kv => ((byte[])kv.Value).ToArray());
        needles["DTLS private key scalar"] = privateScalar;
        needles["PIN (UTF-16)"] = Encoding.Unicode.GetBytes(pin);
        needles["PIN (ASCII)"] = Encoding.ASCII.GetBytes(pin);
        needles["text (UTF-8)"] = Encoding.UTF8.GetBytes(Text);
        needles["text (UTF-16)"] = Encoding.Unicode.GetBytes(Text);
        Assert.All(pinBuffer, c => Assert.Equal(default, c)); // the joiner's PIN buffer was already cleared once verified

        await joiner.LeaveAsync();
        await creator.LeaveAsync();

        // (1) The buffers that held keys are zero now.
        foreach (var (name, buffer) in live)
            Assert.True(buffer.Cast<byte>().All(b => b == 0), $"{name} was not zeroed on leave");
        Assert.True(certificate.IsDisposedForTests(), "the DTLS certificate still holds its private key");
        Assert.Null(ObjectGraph.Field(creator, "_pake"));
        Assert.Null(ObjectGraph.Field(creator, "_chat"));
        Assert.Empty((char[])ObjectGraph.Field(creator, "_pin")!);
        Assert.Empty(creator.Snapshot().Messages);

        // (2) Nothing reachable from either room holds any secret in any buffer.
        foreach (var (role, room) in new[] { ("creator", creator), ("joiner", joiner) })
        {
            var paths = new Dictionary<object, string>(ReferenceEqualityComparer.Instance);
            var buffers = ObjectGraph.Buffers(room, paths);
            output.WriteLine($"{role}: {buffers.Count} byte[]/char[]/string objects reachable after leave");
            Assert.True(buffers.Count > 10, "the object walk found almost nothing: it is broken");
            foreach (var (name, needle) in needles)
                Assert.False(buffers.Any(b => ObjectGraph.Contains(b, needle)),
                    $"{role}: '{name}' is still reachable from the room after leave, at {string.Join("; ", buffers.Where(b => ObjectGraph.Contains(b, needle)).Select(b => paths.GetValueOrDefault(b, "?")))}");
        }
    }

    [Fact]
    public void The_object_walk_finds_a_secret_that_is_still_there()
    {
        var holder = new Dictionary<string, object> { ["inner"] = new List<object> { new byte[] { 1, 2, 3, 0xAB, 0xCD, 9 } }, ["text"] = "xx SECRET yy" };
        var buffers = ObjectGraph.Buffers(holder);
        Assert.Contains(buffers, b => ObjectGraph.Contains(b, [0xAB, 0xCD]));
        Assert.Contains(buffers, b => ObjectGraph.Contains(b, Encoding.Unicode.GetBytes("SECRET")));
    }
}

internal static class CertificateProbe
{
    public static bool IsDisposedForTests(this DtlsCertificate certificate) => ObjectGraph.Field(certificate, "_privateKey") is null;
}
