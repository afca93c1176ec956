using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Agreement.JPake;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Utilities;
using SecureLink.Rooms.Pake;
using SecureLink.Rooms.Pake.Wire;

namespace SecureLink.Security.Tests.Pake;

/// <summary>
/// An attacker's joiner written from the J-PAKE primitives rather than with our participant, so
/// the attacker holds every one of its own secrets (x3, x4) afterwards, as a real attacker would.
/// It speaks our wire format exactly, makes one guess, confirms, and records every message.
/// </summary>
internal sealed class HandWrittenJoiner
{
    private static readonly JPakePrimeOrderGroup Group = JPakeSuite.Group;
    private readonly SecureRandom _random = new();

    public string Guess { get; private set; } = "";
    public BigInteger X3 { get; private set; } = BigInteger.Zero;
    public BigInteger X4 { get; private set; } = BigInteger.Zero;
    public List<byte[]> CreatorMessages { get; } = [];
    public List<byte[]> JoinerMessages { get; } = [];

    /// <summary>Runs the joiner's side against <paramref name="channel"/> with one PIN guess; returns the creator's last message.</summary>
    public async Task<PakeMessage> RunAsync(string guess, PakeBinding binding, IPakeChannel channel, CancellationToken ct)
    {
        var (p, q, g) = (Group.P, Group.Q, Group.G);
        Guess = guess;
        X3 = JPakeUtilities.GenerateX1(q, _random);
        X4 = JPakeUtilities.GenerateX2(q, _random);
        var gx3 = JPakeUtilities.CalculateGx(p, g, X3);
        var gx4 = JPakeUtilities.CalculateGx(p, g, X4);
        var r1 = PakeWire.Encode(new Round1Message(PakeRole.Joiner, gx3, gx4,
            JPakeUtilities.CalculateZeroKnowledgeProof(p, q, g, gx3, X3, JPakeSuite.JoinerId, new Sha256Digest(), _random),
            JPakeUtilities.CalculateZeroKnowledgeProof(p, q, g, gx4, X4, JPakeSuite.JoinerId, new Sha256Digest(), _random), null));
        await SendAsync(channel, r1, ct);
        var c1 = (Round1Message)await ReceiveAsync(channel, ct);

        var gB = JPakeUtilities.CalculateGA(p, gx3, c1.Gx1, c1.Gx2);
        var s = JPakeUtilities.CalculateS(q, guess.ToCharArray());
        var x4s = JPakeUtilities.CalculateX2s(q, X4, s);
        var b = JPakeUtilities.CalculateA(p, q, gB, x4s);
        var r2 = PakeWire.Encode(new Round2Message(PakeRole.Joiner, b,
            JPakeUtilities.CalculateZeroKnowledgeProof(p, q, gB, b, x4s, JPakeSuite.JoinerId, new Sha256Digest(), _random),
            RandomNumberGenerator.GetBytes(32)));
        await SendAsync(channel, r2, ct);
        var c2 = (Round2Message)await ReceiveAsync(channel, ct);

        var k = JPakeUtilities.CalculateKeyingMaterial(p, q, c1.Gx2, X4, s, c2.A);
        var t = KeySchedule.TranscriptHash(CreatorMessages[0], JoinerMessages[0], CreatorMessages[1], JoinerMessages[1]);
        using var keys = KeySchedule.Derive(BigIntegers.AsUnsignedByteArray(JPakeSuite.ElementBytes, k), t, binding);
        await SendAsync(channel, PakeWire.Encode(new ConfirmMessage(PakeRole.Joiner, keys.ConfirmationTag(PakeRole.Joiner, default), null)), ct);
        return await ReceiveAsync(channel, ct);
    }

    private async Task SendAsync(IPakeChannel channel, byte[] message, CancellationToken ct)
    {
        JoinerMessages.Add(message);
        await channel.SendAsync((byte[])message.Clone(), ct);
    }

    private async Task<PakeMessage> ReceiveAsync(IPakeChannel channel, CancellationToken ct)
    {
        var bytes = await channel.ReceiveAsync(ct);
        CreatorMessages.Add(bytes);
        return PakeWire.Decode(bytes);
    }
}

/// <summary>An in-memory ordered message pipe between the real creator and the attacker.</summary>
internal sealed class PipeEnd(System.Threading.Channels.Channel<byte[]> send, System.Threading.Channels.Channel<byte[]> receive) : IPakeChannel
{
    public static (PipeEnd A, PipeEnd B) Pair()
    {
        var ab = System.Threading.Channels.Channel.CreateUnbounded<byte[]>();
        var ba = System.Threading.Channels.Channel.CreateUnbounded<byte[]>();
        return (new PipeEnd(ab, ba), new PipeEnd(ba, ab));
    }

    public async Task SendAsync(byte[] message, CancellationToken ct) => await send.Writer.WriteAsync(message, ct);

    public async Task<byte[]> ReceiveAsync(CancellationToken ct) => await receive.Reader.ReadAsync(ct);
}
