using FsCheck;
using FsCheck.Xunit;
using SecureLink.Rooms.Chat;
using Xunit;

namespace SecureLink.Rooms.Tests.Chat;

/// <summary>Whatever arrives, Decode returns a frame or throws ChatWireException with a known code; nothing else.</summary>
public class ChatWireProperties
{
    private static readonly string[] WireCodes =
    [
        ChatErrorCodes.Truncated, ChatErrorCodes.FrameTooLarge, ChatErrorCodes.TrailingBytes, ChatErrorCodes.UnsupportedVersion,
        ChatErrorCodes.UnknownKind, ChatErrorCodes.InvalidUtf8, ChatErrorCodes.EmptyText, ChatErrorCodes.BadValue,
    ];

    private static bool Decodes(byte[] frame)
    {
        try
        {
            ChatWire.Decode(frame);
            return true;
        }
        catch (Exception e)
        {
            Assert.Contains(Assert.IsType<ChatWireException>(e).Code, WireCodes);
            return false;
        }
    }

    [Property(MaxTest = 2000)]
    public void Random_bytes_never_escape_as_another_exception(byte[] data) => Decodes(data);

    [Property(MaxTest = 2000)]
    public void Random_bytes_behind_a_valid_header_never_escape(byte kind, byte[] body) => Decodes([ChatWire.Version, kind, .. body]);

    [Property(MaxTest = 2000)]
    public void Mutated_valid_frames_never_escape(NonNegativeInt seed)
    {
        var rng = new Random(seed.Get);
        var id = new byte[16];
        rng.NextBytes(id);
        byte[] frame = rng.Next(4) switch
        {
            0 => ChatWire.EncodeMessage(id, rng.NextInt64(0, ChatWire.MaxSentAtUnixMs), "héllo 👋 مرحبا"u8),
            1 => ChatWire.EncodeReceipt(id),
            2 => ChatWire.EncodeTyping(rng.Next(2) == 1),
            _ => ChatWire.EncodeCallSignal(ChatFrameKind.CallOffer, id),
        };
        for (var i = rng.Next(1, 4); i > 0; i--)
        {
            switch (rng.Next(3))
            {
                case 0: frame[rng.Next(frame.Length)] ^= (byte)rng.Next(1, 256); break;
                case 1: frame = frame[..rng.Next(frame.Length)]; break;
                default: frame = [.. frame, (byte)rng.Next(256)]; break;
            }
            if (frame.Length == 0)
                break;
        }
        Decodes(frame);
    }

    [Property(MaxTest = 500)]
    public void Any_valid_text_round_trips_byte_exact(NonEmptyString text, NonNegativeInt millis)
    {
        byte[] utf8;
        try
        {
            utf8 = ChatText.EncodeForSending(text.Get);
        }
        catch (ChatException e)
        {
            // FsCheck strings may hold lone surrogates or only white space: refused, by design.
            Assert.Contains(e.Code, new[] { ChatErrorCodes.InvalidText, ChatErrorCodes.EmptyMessage });
            return;
        }
        var id = MessageId.NewBytes();
        var m = Assert.IsType<ChatMessageFrame>(ChatWire.Decode(ChatWire.EncodeMessage(id, millis.Get, utf8)));
        Assert.Equal(utf8, m.Text.ToArray());
        Assert.Equal(text.Get, ChatText.Decode(m.Text.Span));
        Assert.Equal(id, m.Id.ToArray());
        Assert.Equal(millis.Get, m.SentAtUnixMs);
    }
}
