using System.Text;
using SecureLink.Rooms.Chat;
using Xunit;

namespace SecureLink.Rooms.Tests.Chat;

public class ChatWireTests
{
    private static readonly byte[] Id = Convert.FromHexString("00112233445566778899aabbccddeeff");

    private static string CodeOf(byte[] frame) => Assert.Throws<ChatWireException>(() => ChatWire.Decode(frame)).Code;

    [Fact]
    public void Message_frame_is_laid_out_byte_by_byte_as_documented()
    {
        var frame = ChatWire.EncodeMessage(Id, 0x0000_0102_0304_0506, "hé"u8);
        Assert.Equal(
            "01" + "01" + "00112233445566778899aabbccddeeff" + "0000010203040506" + "68c3a9",
            Convert.ToHexStringLower(frame));
        var m = Assert.IsType<ChatMessageFrame>(ChatWire.Decode(frame));
        Assert.Equal(Id, m.Id.ToArray());
        Assert.Equal(0x0000_0102_0304_0506, m.SentAtUnixMs);
        Assert.Equal("hé", Encoding.UTF8.GetString(m.Text.Span));
    }

    [Fact]
    public void Receipt_and_typing_frames_are_fixed_size()
    {
        var receipt = ChatWire.EncodeReceipt(Id);
        Assert.Equal("0102" + "00112233445566778899aabbccddeeff", Convert.ToHexStringLower(receipt));
        Assert.Equal(Id, Assert.IsType<ChatReceiptFrame>(ChatWire.Decode(receipt)).Id.ToArray());

        Assert.Equal([1, 3, 1], ChatWire.EncodeTyping(true));
        Assert.Equal([1, 3, 0], ChatWire.EncodeTyping(false));
        Assert.True(Assert.IsType<ChatTypingFrame>(ChatWire.Decode(new byte[] { 1, 3, 1 })).Typing);
        Assert.False(Assert.IsType<ChatTypingFrame>(ChatWire.Decode(new byte[] { 1, 3, 0 })).Typing);
    }

    [Theory]
    [InlineData(ChatFrameKind.CallOffer, 0x10)]
    [InlineData(ChatFrameKind.CallRing, 0x11)]
    [InlineData(ChatFrameKind.CallAccept, 0x12)]
    [InlineData(ChatFrameKind.CallDecline, 0x13)]
    [InlineData(ChatFrameKind.CallHangup, 0x14)]
    [InlineData(ChatFrameKind.CallMute, 0x15)]
    public void Reserved_call_kinds_carry_an_opaque_payload(ChatFrameKind kind, byte number)
    {
        Assert.Equal(number, (byte)kind);
        var frame = ChatWire.EncodeCallSignal(kind, [9, 8, 7]);
        Assert.Equal([1, number, 9, 8, 7], frame);
        var decoded = Assert.IsType<ChatCallSignalFrame>(ChatWire.Decode(frame));
        Assert.Equal(kind, decoded.Kind);
        Assert.Equal([9, 8, 7], decoded.Payload.ToArray());
        Assert.Equal(ChatErrorCodes.FrameTooLarge, CodeOf([1, number, .. new byte[ChatLimits.MaxCallSignalPayloadBytes + 1]]));
    }

    [Theory]
    [InlineData(0x00)]
    [InlineData(0x04)]
    [InlineData(0x0f)]
    [InlineData(0x16)]
    [InlineData(0x20)]
    [InlineData(0xff)]
    public void Unknown_kinds_are_a_clear_error_of_their_own(byte kind)
    {
        var e = Assert.Throws<ChatWireException>(() => ChatWire.Decode(new byte[] { 1, kind, 0, 0 }));
        Assert.Equal(ChatErrorCodes.UnknownKind, e.Code);
        Assert.Contains("newer", e.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(255)]
    public void Other_versions_are_refused(byte version) =>
        Assert.Equal(ChatErrorCodes.UnsupportedVersion, CodeOf([version, 1, .. Id, 0, 0, 0, 0, 0, 0, 0, 0, 0x41]));

    [Fact]
    public void Every_truncation_of_a_valid_frame_is_refused()
    {
        var message = ChatWire.EncodeMessage(Id, 1, "x"u8);
        for (var n = 0; n < message.Length; n++)
        {
            var code = CodeOf(message[..n]);
            Assert.Contains(code, new[] { ChatErrorCodes.Truncated, ChatErrorCodes.EmptyText });
        }
        var receipt = ChatWire.EncodeReceipt(Id);
        for (var n = 0; n < receipt.Length; n++)
            Assert.Equal(ChatErrorCodes.Truncated, CodeOf(receipt[..n]));
        Assert.Equal(ChatErrorCodes.Truncated, CodeOf([1, 3]));
    }

    [Fact]
    public void Fixed_size_frames_refuse_trailing_bytes() 
    {
        Assert.Equal(ChatErrorCodes.TrailingBytes, CodeOf([.. ChatWire.EncodeReceipt(Id), 0]));
        Assert.Equal(ChatErrorCodes.TrailingBytes, CodeOf([1, 3, 1, 1]));
    }

    [Fact]
    public void Typing_flag_other_than_0_or_1_is_a_bad_value() => Assert.Equal(ChatErrorCodes.BadValue, CodeOf([1, 3, 2]));

    [Fact]
    public void Times_outside_1970_to_9999_are_refused()
    {
        var frame = ChatWire.EncodeMessage(Id, ChatWire.MaxSentAtUnixMs, "x"u8);
        Assert.IsType<ChatMessageFrame>(ChatWire.Decode(frame));
        frame[18] = 0x80; // negative
        Assert.Equal(ChatErrorCodes.BadValue, CodeOf(frame));
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(frame.AsSpan(18), ChatWire.MaxSentAtUnixMs + 1); // past year 9999
        Assert.Equal(ChatErrorCodes.BadValue, CodeOf(frame));
    }

    [Fact]
    public void An_empty_text_is_refused() => Assert.Equal(ChatErrorCodes.EmptyText, CodeOf(ChatWire.EncodeMessage(Id, 1, "x"u8)[..^1]));

    [Theory]
    [InlineData("ff")]              // never valid
    [InlineData("c0af")]            // overlong '/'
    [InlineData("eda080")]          // UTF-8 of a lone surrogate U+D800
    [InlineData("f4908080")]        // beyond U+10FFFF
    [InlineData("e282")]            // cut inside a 3-byte sequence
    [InlineData("41e282")]          // ... at the end after valid text
    [InlineData("80")]              // lone continuation byte
    public void Text_must_be_valid_utf8_throughout(string textHex)
    {
        var frame = ChatWire.EncodeMessage(Id, 1, "A"u8);
        frame = [.. frame[..^1], .. Convert.FromHexString(textHex)];
        Assert.Equal(ChatErrorCodes.InvalidUtf8, CodeOf(frame));
    }

    [Fact]
    public void The_longest_text_fits_and_one_byte_more_is_oversize()
    {
        var text = new byte[ChatLimits.MaxTextBytes];
        text.AsSpan().Fill((byte)'a');
        var frame = ChatWire.EncodeMessage(Id, 1, text);
        Assert.Equal(ChatLimits.MaxFrameBytes, frame.Length);
        Assert.Equal(ChatLimits.MaxTextBytes, Assert.IsType<ChatMessageFrame>(ChatWire.Decode(frame)).Text.Length);
        Assert.Equal(ChatErrorCodes.FrameTooLarge, CodeOf([.. frame, (byte)'a']));
        Assert.Throws<ArgumentOutOfRangeException>(() => ChatWire.EncodeMessage(Id, 1, [.. text, (byte)'a']));
    }
}
