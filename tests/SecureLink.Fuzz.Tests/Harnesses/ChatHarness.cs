using SecureLink.Rooms.Chat;

namespace SecureLink.Fuzz.Tests.Harnesses;

/// <summary>Chat frames from the peer: decoding is strict and throws only ChatWireException.</summary>
public static class ChatHarness
{
    public static void Run(ReadOnlySpan<byte> data)
    {
        try
        {
            _ = ChatWire.Decode(data.ToArray());
        }
        catch (ChatWireException)
        {
        }
    }
}
