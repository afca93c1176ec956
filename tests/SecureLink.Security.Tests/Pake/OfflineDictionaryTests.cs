using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Agreement.JPake;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Utilities;
using SecureLink.Rooms.Pake;
using SecureLink.Rooms.Pake.Wire;
using Xunit.Abstractions;
using SysInt = System.Numerics.BigInteger;

namespace SecureLink.Security.Tests.Pake;

/// <summary>
/// The offline attacker. It took part in a PIN check against the real creator code with one
/// wrong guess, recorded every message of the run, and kept every secret of its own side (x3,
/// x4, its guess, its nonce). Later, at leisure, it tries all 10,000 four-digit PINs against the
/// recording. This is stronger than an eavesdropper (who sees only DTLS ciphertext and, even
/// with DTLS broken, would not know x4).
/// <para>
/// For each candidate PIN s the attacker computes the J-PAKE key a creator holding s would share
/// with it, K(s) = (A / g^(x2·x4·s))^x4, using A from the creator's round 2 and its own x4, and
/// from K(s) every key of our key schedule. A PIN would be confirmed by any value the creator
/// sent that was computed from its key. The creator sends exactly one such value, its
/// confirmation tag, and only after checking the joiner's tag, i.e. only when the joiner's one
/// online guess was right. After a wrong guess the creator sent only its round 1, its round 2
/// (whose A mixes the PIN in an exponent the attacker cannot undo without x2: a Diffie-Hellman
/// problem) and a bare "rejected". So nothing in the recording can tell the right PIN from the
/// other 9,999, and the program below finds that: every PIN stays possible.
/// </para>
/// <para>
/// The control run proves the program is a real test: against a recording of a run in which the
/// attacker guessed right (so the creator did send its tag), the same enumeration singles out
/// exactly one PIN, the right one. The attack fails only because the creator never reveals a
/// keyed value to a wrong guess, which is the point of the confirmation order.
/// </para>
/// </summary>
public sealed class OfflineDictionaryTests(ITestOutputHelper output)
{
    private static readonly PakeBinding Binding = new(RandomNumberGenerator.GetBytes(32), RandomNumberGenerator.GetBytes(32));

    [Fact(Timeout = 120_000)]
    public async Task A_recorded_failed_run_gives_the_offline_attacker_no_way_to_tell_the_right_pin_from_the_9999_others()
    {
        var pin = Pin.Generate(4);
        var guess = pin == "0000" ? "0001" : "0000";
        var (joiner, creatorOutcome) = await RecordAsync(pin, guess);
        Assert.IsType<RejectedMessage>(PakeWire.Decode(joiner.CreatorMessages[^1]));
        Assert.Equal(PakeFailure.WrongPin, ((PakeException)creatorOutcome!).Failure);

        var sw = Stopwatch.StartNew();
        var verdict = OfflineAttack(joiner);
        output.WriteLine($"offline attack over 10,000 PINs in {sw.ElapsedMilliseconds} ms: {verdict.Possible.Count} still possible, {verdict.Confirmed.Count} confirmed, keyed values from the creator: {verdict.CreatorKeyedValues}");
        Assert.Equal(0, verdict.CreatorKeyedValues);
        Assert.Empty(verdict.Confirmed);
        Assert.Equal(10_000, verdict.Possible.Count);
        Assert.Contains(pin, verdict.Possible);
        // The one thing the attacker can recompute is its own confirmation, under its own guess:
        // that says nothing about the creator's PIN.
        Assert.Equal([guess], verdict.OwnTagMatches);
    }

    [Fact(Timeout = 120_000)]
    public async Task Control_the_same_program_finds_the_pin_when_the_creator_did_send_a_keyed_value()
    {
        var pin = Pin.Generate(4);
        var (joiner, creatorOutcome) = await RecordAsync(pin, pin);
        Assert.Null(creatorOutcome);
        Assert.IsType<ConfirmMessage>(PakeWire.Decode(joiner.CreatorMessages[^1]));

        var verdict = OfflineAttack(joiner);
        Assert.Equal(1, verdict.CreatorKeyedValues);
        Assert.Equal([pin], verdict.Confirmed);
        Assert.Equal([pin], verdict.Possible);
    }

    private static async Task<(HandWrittenJoiner Joiner, Exception? CreatorOutcome)> RecordAsync(string pin, string guess)
    {
        var (c, j) = PipeEnd.Pair();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var creator = PinAuthenticator.RunAsync(PakeRole.Creator, pin.ToCharArray(), Binding, c, TimeSpan.FromSeconds(60), cts.Token);
        var joiner = new HandWrittenJoiner();
        await joiner.RunAsync(guess, Binding, j, cts.Token);
        try
        {
            using var result = await creator;
            return (joiner, null);
        }
        catch (PakeException e)
        {
            return (joiner, e);
        }
    }

    private sealed record Verdict(List<string> Possible, List<string> Confirmed, List<string> OwnTagMatches, int CreatorKeyedValues);

    /// <summary>The attacker's program: everything it can compute, for every PIN, against the recording.</summary>
    private static Verdict OfflineAttack(HandWrittenJoiner recording)
    {
        var group = JPakeSuite.Group;
        var (p, q) = (group.P, group.Q);
        var c1 = (Round1Message)PakeWire.Decode(recording.CreatorMessages[0]);
        var c2 = (Round2Message)PakeWire.Decode(recording.CreatorMessages[1]);
        var ownConfirm = (ConfirmMessage)PakeWire.Decode(recording.JoinerMessages[2]);
        var creatorConfirm = recording.CreatorMessages.Count > 2 ? PakeWire.Decode(recording.CreatorMessages[2]) as ConfirmMessage : null;
        var transcript = KeySchedule.TranscriptHash(recording.CreatorMessages[0], recording.JoinerMessages[0], recording.CreatorMessages[1], recording.JoinerMessages[1]);

        // K(s) = A^x4 · g^(-x2·x4·x4·s), and g^(-x2·x4²) = Gx2^(q - x4² mod q) since Gx2 has order q.
        // s is the PIN's digit characters as bytes read as one number (J-PAKE's CalculateS), so
        // the second factor splits per digit into 4 small tables and prefix products give every
        // PIN for about one multiplication each. (System.Numerics does the arithmetic: BouncyCastle's
        // Mod is ~40x slower here, and the attacker may use any tool it likes.)
        var x4 = recording.X4;
        var pn = Numeric(p);
        var baseK = SysInt.ModPow(Numeric(c2.A), Numeric(x4), pn);
        var c = SysInt.ModPow(Numeric(c1.Gx2), Numeric(q.Subtract(x4.Multiply(x4).Mod(q))), pn);
        var tables = new SysInt[4][];
        for (var place = 0; place < 4; place++)
        {
            var weight = SysInt.ModPow(c, SysInt.One << (8 * (3 - place)), pn);
            tables[place] = [.. Enumerable.Range(0, 10).Select(d => SysInt.ModPow(weight, '0' + d, pn))];
        }

        var possible = new List<string>();
        var confirmed = new List<string>();
        var ownTag = new List<string>();
        for (var d0 = 0; d0 < 10; d0++)
        {
            var k0 = baseK * tables[0][d0] % pn;
            for (var d1 = 0; d1 < 10; d1++)
            {
                var k1 = k0 * tables[1][d1] % pn;
                for (var d2 = 0; d2 < 10; d2++)
                {
                    var k2 = k1 * tables[2][d2] % pn;
                    for (var d3 = 0; d3 < 10; d3++)
                        Try($"{d0}{d1}{d2}{d3}", k2 * tables[3][d3] % pn);
                }
            }
        }
        return new Verdict(possible, confirmed, ownTag, creatorConfirm is null ? 0 : 1);

        void Try(string candidate, SysInt k)
        {
            var kBytes = new byte[JPakeSuite.ElementBytes];
            k.TryWriteBytes(kBytes.AsSpan(kBytes.Length - k.GetByteCount(isUnsigned: true)), out _, isUnsigned: true, isBigEndian: true);
            if (candidate is "0000" or "5000" or "9999" || candidate == recording.Guess)
            {
                // The shortcut must be the textbook formula, or the search proves nothing.
                var s = JPakeUtilities.CalculateS(q, candidate.ToCharArray());
                Assert.Equal(BigIntegers.AsUnsignedByteArray(JPakeSuite.ElementBytes, JPakeUtilities.CalculateKeyingMaterial(p, q, c1.Gx2, x4, s, c2.A)), kBytes);
            }
            using var keys = KeySchedule.Derive(kBytes, transcript, Binding);
            if (keys.VerifyConfirmation(PakeRole.Joiner, default, ownConfirm.Tag)) ownTag.Add(candidate);
            if (creatorConfirm is null)
            {
                possible.Add(candidate); // nothing keyed from the creator to test against
                return;
            }
            if (keys.VerifyConfirmation(PakeRole.Creator, creatorConfirm.SafetyNonce, creatorConfirm.Tag))
            {
                confirmed.Add(candidate);
                possible.Add(candidate);
            }
        }
    }

    private static SysInt Numeric(BigInteger value) => new(value.ToByteArrayUnsigned(), isUnsigned: true, isBigEndian: true);
}
