using SecureLink.WebRtc.Dtls;

namespace SecureLink.Fuzz.Tests.Harnesses;

/// <summary>a=fingerprint values: TryParse is documented to answer false, not throw.</summary>
public static class DtlsFingerprintHarness
{
    public static void Run(ReadOnlySpan<byte> data) => _ = DtlsFingerprint.TryParse(TextInput.Decode(data), out _);
}
