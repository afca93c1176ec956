using SecureLink.WebRtc.Sdp;

namespace SecureLink.Fuzz.Tests.Harnesses;

/// <summary>SDP comes from the peer's code or an interop peer: SdpParseException is the only refusal.</summary>
public static class SdpHarness
{
    public static void Run(ReadOnlySpan<byte> data)
    {
        SessionDescription description;
        try
        {
            description = SessionDescription.Parse(TextInput.Decode(data));
        }
        catch (SdpParseException)
        {
            return;
        }
        _ = description.ToString();
    }
}
