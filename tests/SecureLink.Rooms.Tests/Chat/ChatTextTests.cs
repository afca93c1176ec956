using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using FsCheck;
using FsCheck.Xunit;
using SecureLink.Rooms.Chat;
using Xunit;

namespace SecureLink.Rooms.Tests.Chat;

public class ChatTextTests
{
    private static string CodeOf(string text) => Assert.Throws<ChatException>(() => ChatText.EncodeForSending(text)).Code;

    [Theory]
    [InlineData("a", 65536)]       // 1-byte characters
    [InlineData("é", 32768)]       // 2-byte
    [InlineData("€", 21845)]       // 3-byte: 65,535 bytes, one ASCII byte added below
    [InlineData("😀", 16384)]      // 4-byte (a surrogate pair in .NET)
    public void Exactly_65536_bytes_are_accepted_and_one_byte_more_is_message_too_long(string unit, int count)
    {
        var text = string.Concat(Enumerable.Repeat(unit, count));
        if (Encoding.UTF8.GetByteCount(text) == 65535)
            text += "a";
        Assert.Equal(65536, Encoding.UTF8.GetByteCount(text));
        Assert.Equal(65536, ChatText.EncodeForSending(text).Length);
        Assert.Equal(ChatErrorCodes.MessageTooLong, CodeOf(text + "a"));
    }

    [Theory]
    [InlineData("€")]
    [InlineData("😀")]
    public void A_multibyte_character_straddling_the_limit_makes_it_too_long(string unit)
    {
        // 65,535 ASCII bytes then one multi-byte character: 65,537 or 65,538 bytes in all.
        var text = new string('a', 65535) + unit;
        Assert.Equal(ChatErrorCodes.MessageTooLong, CodeOf(text));
        Assert.Equal(65536, ChatText.EncodeForSending(new string('a', 65536 - Encoding.UTF8.GetByteCount(unit)) + unit).Length);
    }

    [Fact]
    public void A_huge_string_is_refused_without_encoding_it() =>
        Assert.Equal(ChatErrorCodes.MessageTooLong, CodeOf(new string('a', 10_000_000)));

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("\t\r\n ")]
    [InlineData("\u2003\u3000")] // em space, ideographic space
    public void Empty_or_white_space_text_is_empty_message(string text) => Assert.Equal(ChatErrorCodes.EmptyMessage, CodeOf(text));

    // By index: xunit would turn a lone surrogate in theory data into U+FFFD before the test saw it.
    private static readonly string[] LoneSurrogates = ["\uD800", "a\uDC00b", "😀\uD83D", "\uDE00😀"];

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void A_lone_surrogate_is_refused_not_replaced(int which)
    {
        Assert.Contains(LoneSurrogates[which], char.IsSurrogate);
        Assert.Equal(ChatErrorCodes.InvalidText, CodeOf(LoneSurrogates[which]));
    }

    [Fact]
    public void Text_with_white_space_around_it_is_kept_as_typed() =>
        Assert.Equal("  hi \n"u8.ToArray(), ChatText.EncodeForSending("  hi \n"));

    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Property(MaxTest = 1000)]
    public void Json_budget_bounds_what_SystemTextJson_writes_with_any_encoder(string text)
    {
        if (text is null || string.IsNullOrWhiteSpace(text))
            return;
        byte[] utf8;
        try { utf8 = ChatText.EncodeForSending(text); }
        catch (ChatException) { return; }
        var budget = ChatText.JsonBudget(utf8);
        Assert.True(JsonSerializer.SerializeToUtf8Bytes(text).Length - 2 <= budget);
        Assert.True(JsonSerializer.SerializeToUtf8Bytes(text, Relaxed).Length - 2 <= budget);
        Assert.True(utf8.Length <= budget);
    }

    [Theory]
    [InlineData("hello", 5)]
    [InlineData("a\"b", 8)]
    [InlineData("é", 6)]
    [InlineData("😀", 12)]
    [InlineData("\u0001", 6)]
    public void Json_budget_of_known_texts(string text, int expected) =>
        Assert.Equal(expected, ChatText.JsonBudget(Encoding.UTF8.GetBytes(text)));

    [Fact]
    public void Message_ids_are_random_128_bit_lower_case_hex()
    {
        var ids = Enumerable.Range(0, 1000).Select(_ => MessageId.ToHex(MessageId.NewBytes())).ToHashSet();
        Assert.Equal(1000, ids.Count);
        Assert.All(ids, id => Assert.Matches("^[0-9a-f]{32}$", id));
        Assert.Equal("00112233445566778899aabbccddeeff", MessageId.Normalize("00112233445566778899AABBCCDDEEFF"));
        Assert.Null(MessageId.Normalize("0011"));
        Assert.Null(MessageId.Normalize("zz112233445566778899aabbccddeeff"));
        Assert.Null(MessageId.Normalize(null));
    }
}
