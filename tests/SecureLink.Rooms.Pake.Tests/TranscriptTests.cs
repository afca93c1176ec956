using System.Numerics;
using System.Text;
using SecureLink.Rooms.Pake;
using SecureLink.Rooms.Pake.Tests.Support;

namespace SecureLink.Rooms.Pake.Tests;

public class TranscriptTests
{
    [Fact]
    public async Task The_messages_of_a_failed_run_contain_neither_pin_in_any_obvious_encoding()
    {
        // Ten digits, so a chance match of even the shortest encoding (5 BCD bytes) in ~5 KB of
        // random-looking bytes has probability ~5e-9: a hit means the PIN leaked.
        var creatorPin = LargePin();
        var joinerPin = LargePin();
        var (c, j) = MemoryChannel.Pair();
        var creator = PinAuthenticator.RunAsync(PakeRole.Creator, creatorPin.AsMemory(), PakePair.Binding(), c, PakePair.PakeTimeout, default);
        var joiner = PinAuthenticator.RunAsync(PakeRole.Joiner, joinerPin.AsMemory(), PakePair.Binding(), j, PakePair.PakeTimeout, default);
        await PakePair.Capture(creator);
        await PakePair.Capture(joiner);

        var wire = c.Sent.Concat(j.Sent).SelectMany(m => m).ToArray();
        Assert.True(wire.Length > 4000);   // the whole exchange is here, not just a header
        foreach (var pin in new[] { creatorPin, joinerPin })
            foreach (var (name, encoding) in Encodings(pin))
                Assert.False(Contains(wire, encoding), $"the PIN appears on the wire as {name}");
    }

    [Fact]
    public void The_search_itself_finds_a_pin_that_is_there()
    {
        // Guards the test above against a search that can never succeed.
        var pin = "4821993012";
        foreach (var (_, encoding) in Encodings(pin))
        {
            byte[] wire = [9, 9, .. encoding, 9];
            Assert.True(Contains(wire, encoding));
        }
    }

    /// <summary>A 10-digit PIN of at least 5e9, so its integer encodings are 5 bytes too.</summary>
    private static string LargePin()
    {
        while (true)
        {
            var pin = Pin.Generate(10);
            if (pin[0] >= '5') return pin;
        }
    }

    private static IEnumerable<(string Name, byte[] Bytes)> Encodings(string pin)
    {
        yield return ("ASCII", Encoding.ASCII.GetBytes(pin));
        yield return ("UTF-16LE", Encoding.Unicode.GetBytes(pin));
        yield return ("UTF-16BE", Encoding.BigEndianUnicode.GetBytes(pin));
        yield return ("packed BCD", PackedBcd(pin));
        yield return ("unpacked BCD", pin.Select(ch => (byte)(ch - '0')).ToArray());
        var number = BigInteger.Parse(pin);
        yield return ("big-endian integer", number.ToByteArray(isUnsigned: true, isBigEndian: true));
        yield return ("little-endian integer", number.ToByteArray(isUnsigned: true, isBigEndian: false));
    }

    private static byte[] PackedBcd(string pin)
    {
        var padded = pin.Length % 2 == 0 ? pin : "0" + pin;
        return Enumerable.Range(0, padded.Length / 2)
            .Select(i => (byte)(((padded[2 * i] - '0') << 4) | (padded[2 * i + 1] - '0'))).ToArray();
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
