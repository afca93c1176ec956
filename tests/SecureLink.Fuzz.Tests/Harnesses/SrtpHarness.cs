using SecureLink.WebRtc.Srtp;

namespace SecureLink.Fuzz.Tests.Harnesses;

/// <summary>
/// SRTP/SRTCP from the network: Unprotect must answer a <see cref="SrtpResult"/> for anything.
/// A fresh context per input keeps runs independent (replay state would otherwise leak between inputs).
/// </summary>
public static class SrtpHarness
{
    public static void Run(ReadOnlySpan<byte> data)
    {
        foreach (var profile in new[] { SrtpProfile.Aes128CmHmacSha1_80, SrtpProfile.AeadAes128Gcm })
        {
            using var context = new SrtpContext(TestKey(profile));
            var buffer = new byte[data.Length];
            Check(context.UnprotectRtp(data, buffer, out var written), written, data.Length);
            Check(context.UnprotectRtcp(data, buffer, out written), written, data.Length);
        }
    }

    /// <summary>The fixed key the corpus seeds were protected with (key bytes 1,2,3..., salt bytes 101,102,...).</summary>
    public static SrtpMasterKey TestKey(SrtpProfile profile) => new(profile,
        Enumerable.Range(1, profile.MasterKeyLength()).Select(i => (byte)i).ToArray(),
        Enumerable.Range(101, profile.MasterSaltLength()).Select(i => (byte)i).ToArray());

    private static void Check(SrtpResult result, int written, int inputLength)
    {
        if (!Enum.IsDefined(result)) throw new FuzzInvariantException($"Undefined SrtpResult {(int)result}.");
        if (result == SrtpResult.Ok ? written < 0 || written > inputLength : written != 0)
            throw new FuzzInvariantException($"{result} with {written} bytes written from a {inputLength}-byte input.");
    }
}
