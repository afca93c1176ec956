using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace SecureLink.WebRtc.Sdp.Tests;

/// <summary>Whatever the input, Parse returns or throws SdpParseException; nothing else escapes, nothing hangs.</summary>
public sealed class ParseRobustnessProperties
{
    private static bool ParsesOrFailsCleanly(string text)
    {
        try
        {
            var sdp = SessionDescription.Parse(text);
            var written = sdp.ToString();
            // Nothing parsed is lost or invented: the same lines come out, only reordered into
            // RFC 8866 order (and with runs of spaces in structured lines collapsed).
            var same = Normalized(text).SequenceEqual(Normalized(written));
            // And what we write parses back to exactly itself.
            return same && SessionDescription.Parse(written).ToString() == written;
        }
        catch (SdpParseException e)
        {
            return e.LineNumber >= 1;
        }
    }

    internal static List<string> Normalized(string text) =>
        text.Split('\n')
            // Trailing CR and blanks carry nothing: the parser reads "v=0\r " as v=0 (a mutation
            // that put a stray CR and a space after the version failed this oracle, not the parser).
            .Select(l => l.TrimEnd('\r', ' ', '\t'))
            .Where(l => l.Length > 0)
            .Select(l => string.Join(' ', l.Split(' ', StringSplitOptions.RemoveEmptyEntries)))
            .Order(StringComparer.Ordinal)
            .ToList();

    [Property(MaxTest = 2000)]
    public bool ArbitraryStrings(string? text) => text is null || ParsesOrFailsCleanly(text);

    [Fact]
    public void A_stray_CR_and_blank_after_the_version_still_round_trips()
    {
        var text = FixtureFiles.Read("aiortc-audio-datachannel-offer.sdp").Replace("v=0\r\n", "v=0\r \r\n");
        Assert.True(ParsesOrFailsCleanly(text));
        Assert.StartsWith("v=0\r\n", SessionDescription.Parse(text).ToString());
    }

    [Property(MaxTest = 3000)]
    public Property MutatedRealDescriptions()
    {
        var gen =
            from fixture in Gen.Elements(FixtureFiles.All)
            from edits in Gen.ListOf(
                from kind in Gen.Choose(0, 5)
                from position in Gen.Choose(0, int.MaxValue)
                from piece in Gen.Elements(Alphabet)
                select (Kind: kind, Position: position, Text: piece))
            select (fixture, edits);
        return Prop.ForAll(gen.ToArbitrary(), input => ParsesOrFailsCleanly(Mutate(FixtureFiles.Read(input.fixture), input.edits)));
    }

    [Property(MaxTest = 1000)]
    public Property ShuffledLinesOfRealDescriptions()
    {
        var gen =
            from fixture in Gen.Elements(FixtureFiles.All)
            from seed in Gen.Choose(0, int.MaxValue)
            select (fixture, seed);
        return Prop.ForAll(gen.ToArbitrary(), input =>
        {
            var lines = FixtureFiles.Read(input.fixture).Split("\r\n");
            var random = new Random(input.seed);
            random.Shuffle(lines);
            return ParsesOrFailsCleanly(string.Join("\r\n", lines));
        });
    }

    internal static readonly string[] Alphabet =
        ["=", ":", " ", "\r", "\n", "\r\n", "0", "9", "-", "/", "a=", "m=", "v=0", "\u0000", "é", "99999999999999999999", "a=rtpmap:", "a=fmtp:", "a=mid:x"];

    /// <summary>Applies (kind, position, text) edits: insert, delete a run, replace a char, duplicate a line, drop a line, cut.</summary>
    internal static string Mutate(string text, IEnumerable<(int Kind, int Position, string Text)> edits)
    {
        foreach (var (kind, position, piece) in edits)
        {
            if (text.Length == 0) text = piece;
            var at = position % (text.Length + 1);
            switch (kind)
            {
                case 0: text = text.Insert(at, piece); break;
                case 1: text = text.Remove(Math.Min(at, text.Length), Math.Min(piece.Length + 3, text.Length - Math.Min(at, text.Length))); break;
                case 2 when at < text.Length: text = text[..at] + piece + text[(at + 1)..]; break;
                case 3:
                case 4:
                    var lines = text.Split("\r\n").ToList();
                    var i = position % lines.Count;
                    if (kind == 3) lines.Insert(i, lines[i]); else lines.RemoveAt(i);
                    text = string.Join("\r\n", lines);
                    break;
                case 5: text = text[..at]; break;
            }
        }
        return text;
    }
}
