using FsCheck;
using FsCheck.Xunit;
using SecureLink.Rooms.Codes;
using Xunit;

namespace SecureLink.Rooms.Tests.Codes;

/// <summary>
/// Whatever people paste, Decode either returns a record or throws a CodeException with a
/// known code, a known detail (never the safety net's "unexpected") and a one-sentence message.
/// </summary>
public class DecodeRobustnessProperties
{
    private static readonly string[] Codes = [CodeErrors.Corrupt, CodeErrors.Expired, CodeErrors.Foreign, CodeErrors.Version];

    private static readonly string[] Details =
    [
        CodeErrors.Empty, CodeErrors.TooLong, CodeErrors.NotSecureLink, CodeErrors.BadCharacter, CodeErrors.Truncated,
        CodeErrors.Checksum, CodeErrors.Malformed, CodeErrors.NewerVersion, CodeErrors.Expired, CodeErrors.ReplyNotInvite,
        CodeErrors.InviteNotReply, CodeErrors.OtherRoom,
    ];

    /// <summary>Runs both decoders; returns how many accepted the text.</summary>
    private static int DecodeBoth(string text)
    {
        var accepted = 0;
        foreach (var decode in new Action[]
        {
            () => InviteCode.Decode(text, Samples.Now),
            () => ReplyCode.Decode(text, Samples.RoomId),
        })
        {
            try
            {
                decode();
                accepted++;
            }
            catch (Exception e)
            {
                var ce = Assert.IsType<CodeException>(e);
                Assert.Contains(ce.Code, Codes);
                Assert.Contains(ce.Detail, Details);
                Assert.EndsWith(".", ce.Message);
                Assert.DoesNotContain('\n', ce.Message);
            }
        }
        return accepted;
    }

    [Property(MaxTest = 1000)]
    public void Random_text_never_escapes_as_another_exception(string text) => DecodeBoth(text);

    [Property(MaxTest = 1000)]
    public void Random_text_over_the_code_alphabet_never_escapes(NonNegativeInt seed)
    {
        var rng = new Random(seed.Get);
        var prefix = new[] { "SLI", "SLR", "SL", "" }[rng.Next(4)];
        var payload = new string([.. Enumerable.Range(0, rng.Next(0, 300)).Select(_ => Base44.Alphabet[rng.Next(44)])]);
        Assert.Equal(0, DecodeBoth(prefix + payload)); // a random payload passing a 32-bit check: not in this life
    }

    [Property(MaxTest = 1000)]
    public void Mutated_real_codes_are_refused_with_a_known_error(NonNegativeInt seed)
    {
        var rng = new Random(seed.Get);
        var code = rng.Next(2) == 0 ? InviteCode.Encode(Samples.RandomInvite(seed.Get) with { ExpiresAt = Samples.Now.AddHours(1) })
                                    : ReplyCode.Encode(Samples.RandomReply(seed.Get) with { RoomId = Samples.RoomId });
        var mutated = Mutate(code, rng);
        var accepted = DecodeBoth(mutated);
        // A mutation that changed a code character must be caught by the check (a 2^-32 miss aside).
        if (Normalize(mutated) != code) Assert.Equal(0, accepted);
        else Assert.Equal(1, accepted);
    }

    [Property(MaxTest = 300)]
    public void Random_bytes_sealed_as_a_code_never_escape(byte[] body, bool reply)
    {
        // Bytes with a VALID check: exercises the field readers on arbitrary input.
        byte[] withHeader = [1, reply ? (byte)2 : (byte)1, .. body];
        var sealedText = (reply ? "SLR" : "SLI") + Base44.Encode([.. withHeader, .. System.Security.Cryptography.SHA256.HashData(withHeader)[..4]]);
        DecodeBoth(sealedText);
    }

    private static string Mutate(string code, Random rng)
    {
        var i = rng.Next(code.Length);
        var c = Base44.Alphabet[rng.Next(44)];
        return rng.Next(7) switch
        {
            0 => code[..i] + c + code[(i + 1)..],                 // substitute
            1 => code.Remove(i, 1),                                // delete
            2 => code.Insert(i, c.ToString()),                     // insert
            3 => code[..i],                                        // truncate
            4 when i + 1 < code.Length => code[..i] + code[i + 1] + code[i] + code[(i + 2)..], // swap neighbours
            5 => code.Insert(i, " \n"),                            // harmless whitespace
            _ => code.ToLowerInvariant(),                          // harmless case
        };
    }

    private static string Normalize(string s) => new([.. s.Where(c => !char.IsWhiteSpace(c)).Select(char.ToUpperInvariant)]);
}
