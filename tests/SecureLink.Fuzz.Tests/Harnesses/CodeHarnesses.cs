using SecureLink.Rooms.Codes;

namespace SecureLink.Fuzz.Tests.Harnesses;

/// <summary>Invite codes are pasted or scanned text: CodeException is the only refusal.</summary>
public static class InviteHarness
{
    /// <summary>A fixed "now" before the seed invite's expiry so seeds decode all the way.</summary>
    public static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static void Run(ReadOnlySpan<byte> data)
    {
        try
        {
            _ = InviteCode.Decode(TextInput.Decode(data), Now);
        }
        catch (CodeException)
        {
        }
    }
}

/// <summary>Reply codes are pasted or scanned text: CodeException is the only refusal.</summary>
public static class ReplyHarness
{
    /// <summary>The room id the seed reply was written for, so seeds get past the room check.</summary>
    public static readonly byte[] RoomId = [1, 2, 3, 4, 5, 6, 7, 8];

    public static void Run(ReadOnlySpan<byte> data)
    {
        try
        {
            _ = ReplyCode.Decode(TextInput.Decode(data), RoomId);
        }
        catch (CodeException)
        {
        }
    }
}
