using SecureLink.WebRtc.Ice;

namespace SecureLink.Fuzz.Tests.Harnesses;

/// <summary>ICE candidates arrive as text (SDP, the host protocol): FormatException is the only refusal.</summary>
public static class IceCandidateHarness
{
    public static void Run(ReadOnlySpan<byte> data)
    {
        var text = TextInput.Decode(data);
        var ok = IceCandidate.TryParse(text, out var candidate);
        IceCandidate parsed;
        try
        {
            parsed = IceCandidate.Parse(text);
        }
        catch (FormatException)
        {
            if (ok) throw new FuzzInvariantException("TryParse accepted what Parse refused.");
            return;
        }
        if (!ok || candidate is null) throw new FuzzInvariantException("Parse accepted what TryParse refused.");
        _ = parsed.TryGetEndPoint();
        _ = parsed.ToSdpAttributeValue();
    }
}
