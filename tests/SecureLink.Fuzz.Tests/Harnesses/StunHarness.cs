using SecureLink.WebRtc.Stun;

namespace SecureLink.Fuzz.Tests.Harnesses;

/// <summary>STUN: TryParse promises false plus a reason for anything malformed, never an exception.</summary>
public static class StunHarness
{
    // RFC 5769's short-term password, so the sample request's integrity really verifies.
    private static readonly byte[] Key = "VOkJxbRl1RmTxUk/WvJxBt"u8.ToArray();

    public static void Run(ReadOnlySpan<byte> data)
    {
        _ = StunMessage.LooksLikeStun(data);
        if (!StunMessage.TryParse(data, out var message, out var error))
        {
            if (error is null) throw new FuzzInvariantException("TryParse returned false without a reason.");
            return;
        }
        _ = message!.VerifyIntegrity(Key);
        _ = message.VerifyFingerprint();
        _ = message.Attributes.Count;
    }
}
