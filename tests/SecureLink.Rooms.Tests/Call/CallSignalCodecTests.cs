using Xunit;
using SecureLink.Rooms.Call;
using SecureLink.Rooms.Chat;

namespace SecureLink.Rooms.Tests.Call;

public sealed class CallSignalCodecTests
{
    private static readonly CallId Id = CallId.Read(Convert.FromHexString("00112233445566778899aabbccddeeff"));

    private static ChatCallSignalFrame Frame(byte[] whole) => Assert.IsType<ChatCallSignalFrame>(ChatWire.Decode(whole));

    [Fact]
    public void Frames_are_laid_out_byte_by_byte_as_documented()
    {
        var offer = ChatWire.EncodeCallSignal(ChatFrameKind.CallOffer, CallSignalCodec.Encode(new CallSignal(ChatFrameKind.CallOffer, Id)));
        Assert.Equal("0110" + "00112233445566778899aabbccddeeff", Convert.ToHexStringLower(offer));
        var mute = ChatWire.EncodeCallSignal(ChatFrameKind.CallMute, CallSignalCodec.Encode(new CallSignal(ChatFrameKind.CallMute, Id, true)));
        Assert.Equal("0115" + "00112233445566778899aabbccddeeff" + "01", Convert.ToHexStringLower(mute));
    }

    [Theory]
    [InlineData(ChatFrameKind.CallOffer, false)]
    [InlineData(ChatFrameKind.CallRing, false)]
    [InlineData(ChatFrameKind.CallAccept, false)]
    [InlineData(ChatFrameKind.CallDecline, false)]
    [InlineData(ChatFrameKind.CallHangup, false)]
    [InlineData(ChatFrameKind.CallMute, false)]
    [InlineData(ChatFrameKind.CallMute, true)]
    public void Every_signal_round_trips_through_a_chat_frame(ChatFrameKind kind, bool muted)
    {
        var signal = new CallSignal(kind, CallId.New(), muted);
        var frame = Frame(ChatWire.EncodeCallSignal(kind, CallSignalCodec.Encode(signal)));
        Assert.True(CallSignalCodec.TryDecode(frame, out var back, out var error));
        Assert.Null(error);
        Assert.Equal(signal, back);
    }

    [Fact]
    public void Short_payloads_and_bad_mute_flags_are_refused_and_later_fields_ignored()
    {
        Assert.False(CallSignalCodec.TryDecode(new ChatCallSignalFrame(ChatFrameKind.CallOffer, new byte[15]), out _, out var e1));
        Assert.Equal(ChatErrorCodes.Truncated, e1);
        Assert.False(CallSignalCodec.TryDecode(new ChatCallSignalFrame(ChatFrameKind.CallMute, new byte[16]), out _, out var e2));
        Assert.Equal(ChatErrorCodes.Truncated, e2);
        var badFlag = new byte[17];
        badFlag[16] = 2;
        Assert.False(CallSignalCodec.TryDecode(new ChatCallSignalFrame(ChatFrameKind.CallMute, badFlag), out _, out var e3));
        Assert.Equal(ChatErrorCodes.BadValue, e3);
        Assert.False(CallSignalCodec.TryDecode(new ChatCallSignalFrame(ChatFrameKind.CallHangup, ReadOnlyMemory<byte>.Empty), out _, out _));

        var longer = new byte[40];
        Id.Write(longer);
        Assert.True(CallSignalCodec.TryDecode(new ChatCallSignalFrame(ChatFrameKind.CallAccept, longer), out var s, out _));
        Assert.Equal(Id, s.Id);
    }

    [Fact]
    public void Ids_order_as_unsigned_big_endian_numbers()
    {
        var low = CallId.Read(Convert.FromHexString("00ffffffffffffffffffffffffffffff"));
        var high = CallId.Read(Convert.FromHexString("80000000000000000000000000000000"));
        Assert.True(low.CompareTo(high) < 0);
        Assert.Equal("8000", high.ForLog());
        Assert.NotEqual(CallId.New(), CallId.New());
    }
}
