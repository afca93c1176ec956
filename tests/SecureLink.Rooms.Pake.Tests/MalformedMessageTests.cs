using SecureLink.Rooms.Pake;
using SecureLink.Rooms.Pake.Tests.Support;

namespace SecureLink.Rooms.Pake.Tests;

/// <summary>
/// Damaged messages injected into real runs. Rounds 1 and 2 carry no PIN-dependent check, so any
/// damage there is a ProtocolError on both sides (never WrongPin: that would let garbage burn a
/// room). Only a damaged confirmation tag reads as a wrong PIN, which is what it is.
/// </summary>
public class MalformedMessageTests
{
    public static TheoryData<string, int> Damage() => new()
    {
        { "truncate", 0 }, { "truncate", 1 },
        { "flip-header", 0 }, { "flip-header", 1 },
        { "flip-element", 0 }, { "flip-element", 1 },
        { "flip-proof", 0 }, { "flip-proof", 1 },
        { "version", 0 }, { "version", 1 },
        { "huge", 0 }, { "huge", 1 },
        { "empty", 0 }, { "empty", 1 },
    };

    [Theory]
    [MemberData(nameof(Damage))]
    public async Task A_damaged_round_message_is_a_protocol_error_on_both_sides(string damage, int round)
    {
        var (creator, joiner) = await PakePair.RunAsync("1234", "1234",
            wrapJoiner: ch => new TamperingChannel(ch, (i, m) => i == round ? [Apply(damage, m)] : [m]));
        Assert.Equal(PakeFailure.ProtocolError, creator.Failure);
        Assert.Equal(PakeFailure.ProtocolError, joiner.Failure);
    }

    [Fact]
    public async Task A_damaged_confirmation_tag_is_a_wrong_pin_for_the_creator_and_the_joiner_is_told()
    {
        var (creator, joiner) = await PakePair.RunAsync("1234", "1234",
            wrapJoiner: ch => new TamperingChannel(ch, (i, m) => i == 2 ? [Apply("flip-element", m)] : [m]));
        Assert.Equal(PakeFailure.WrongPin, creator.Failure);
        Assert.Equal(PakeFailure.WrongPin, joiner.Failure);
    }

    [Fact]
    public async Task A_truncated_confirmation_is_a_protocol_error_not_an_attempt()
    {
        var (creator, _) = await PakePair.RunAsync("1234", "1234",
            wrapJoiner: ch => new TamperingChannel(ch, (i, m) => i == 2 ? [m[..^1]] : [m]));
        Assert.Equal(PakeFailure.ProtocolError, creator.Failure);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public async Task Random_mutations_of_any_message_from_either_side_end_only_in_PakeException(int seed)
    {
        // Random side, message, and mutation (bit flips, byte overwrites, cuts, appends). The
        // outcome may be ProtocolError or (for a hit on a confirmation) WrongPin, but always a
        // PakeException on both sides and never a hang.
        var random = new Random(seed);
        var onCreator = random.Next(2) == 0;
        var target = random.Next(3);
        Func<IPakeChannel, IPakeChannel> wrap = ch => new TamperingChannel(ch, (i, m) => i == target ? [Mutate(m, random)] : [m]);
        var (creator, joiner) = await PakePair.RunAsync("1234", "1234",
            wrapCreator: onCreator ? wrap : null, wrapJoiner: onCreator ? null : wrap);
        Assert.All(new[] { creator, joiner }, o =>
        {
            if (o.Error is null) return;   // a mutation of the creator's last message leaves the creator done
            var e = Assert.IsType<PakeException>(o.Error);
            Assert.NotEqual(PakeFailure.Timeout, e.Failure);
        });
        Assert.True(creator.Error is not null || joiner.Error is not null);
    }

    [Fact]
    public async Task A_changed_safety_nonce_is_caught_by_the_transcript_and_reads_as_a_changed_connection()
    {
        // nJ is not covered by any proof, but it is in the transcript both confirmations are bound
        // to, so the sides disagree at confirmation, exactly as when a middle changes any field.
        var (creator, joiner) = await PakePair.RunAsync("1234", "1234",
            wrapJoiner: ch => new TamperingChannel(ch, (i, m) =>
            {
                if (i != 1) return [m];
                var changed = (byte[])m.Clone();
                changed[^1] ^= 0x20;
                return [changed];
            }));
        Assert.Equal(PakeFailure.WrongPin, creator.Failure);
        Assert.Equal(PakeFailure.WrongPin, joiner.Failure);
    }

    private static byte[] Apply(string damage, byte[] m)
    {
        var copy = (byte[])m.Clone();
        switch (damage)
        {
            case "truncate": return copy[..(copy.Length / 2)];
            case "flip-header": copy[1] ^= 0x80; return copy;
            case "flip-element": copy[3 + 17] ^= 0x04; return copy;
            // The Schnorr commitment V: third element of round 1, second of round 2.
            case "flip-proof": copy[3 + (copy[1] == 1 ? 2 : 1) * 384 + 100] ^= 0x01; return copy;
            case "version": copy[0] = 2; return copy;
            case "huge": return [.. copy, .. new byte[1 << 20]];
            case "empty": return [];
            default: throw new ArgumentOutOfRangeException(nameof(damage));
        }
    }

    private static byte[] Mutate(byte[] m, Random random)
    {
        var copy = (byte[])m.Clone();
        switch (random.Next(4))
        {
            case 0:
                // 1..7 distinct bits, so the flips can never cancel out.
                foreach (var bit in Enumerable.Range(0, copy.Length * 8).OrderBy(_ => random.Next()).Take(random.Next(1, 8)).ToList())
                    copy[bit / 8] ^= (byte)(1 << (bit % 8));
                return copy;
            case 1:
                copy[random.Next(copy.Length)] ^= (byte)random.Next(1, 256);   // a different byte, never the same one
                return copy;
            case 2:
                return copy[..random.Next(copy.Length)];
            default:
                return [.. copy, .. Enumerable.Range(0, random.Next(1, 300)).Select(_ => (byte)random.Next(256))];
        }
    }
}
