using Xunit;

namespace SecureLink.Fuzz.Tests;

/// <summary>
/// Open findings in other layers' code (docs/fuzzing.md, "Findings"). Their crash inputs stay in
/// the corpus; the plain replay skips them and each has a skipped Fact below that replays it, so
/// whoever fixes the bug removes the Skip (and the entries here) and the regression stays covered.
/// </summary>
public static class KnownFindings
{
    private const string LoneSurrogateName = "finding F1: RequestParser.Parse lets InvalidOperationException escape for a lone \\uD800-\\uDFFF escape in a property name (JsonDocument duplicate-property check); the host answers host_error instead of bad_json";
    private const string RtpExtensionId0 = "finding F2: RtpPacket.TryParse accepts a one-byte header extension element with id 0 that RtpPacket.ToArray then refuses (ArgumentException)";

    /// <summary>Crash file name → harness.</summary>
    public static IReadOnlyDictionary<string, string> CrashFiles { get; } = new Dictionary<string, string>
    {
        ["crash-02724f63cc02840d"] = "request",
        ["crash-c74b11d89a929a76"] = "request",
        ["crash-360f254f8796d189"] = "request",
        ["crash-60dbe1c7c8645e21"] = "request",
        ["crash-aeb9476f432c828b"] = "request",
        ["crash-4bb9ad27c9f93469"] = "rtp",
    };

    /// <summary>Exception signatures (see <see cref="MutationFuzzer.Signature"/>) the mutation tests tolerate until fixed.</summary>
    public static IReadOnlySet<string> Signatures { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "System.InvalidOperationException@System.Text.Json.ThrowHelper.ThrowInvalidOperationException_ReadIncompleteUTF16",
        "System.InvalidOperationException@System.Text.Json.ThrowHelper.ThrowInvalidOperationException_ReadInvalidUTF16",
        "System.ArgumentException@SecureLink.WebRtc.Rtp.RtpHeaderExtensions.Write",
    };

    public static void Replay(string file) => AllHarnesses.Get(CrashFiles[file]).Run(File.ReadAllBytes(Path.Combine(Corpus.Folder(CrashFiles[file]), file)));
}

public sealed class KnownFindingTests
{
    [Fact(Skip = "finding F1 (minimal): {\"\\ud800\":1}")]
    public void F1_LoneHighSurrogateInPropertyName() => KnownFindings.Replay("crash-02724f63cc02840d");

    [Fact(Skip = "finding F1 (minimal): lone \\udc00 in an extra property name of a valid hello")]
    public void F1_LoneLowSurrogateInPropertyName() => KnownFindings.Replay("crash-c74b11d89a929a76");

    [Fact(Skip = "finding F1 (fuzzer input): \\ud83d escape in a property name")]
    public void F1_FuzzerInputA() => KnownFindings.Replay("crash-360f254f8796d189");

    [Fact(Skip = "finding F1 (fuzzer input): \\ude00 escape in the id property name")]
    public void F1_FuzzerInputB() => KnownFindings.Replay("crash-60dbe1c7c8645e21");

    [Fact(Skip = "finding F1 (AFL++ input): \ude0e escape in a property name")]
    public void F1_AflInput() => KnownFindings.Replay("crash-aeb9476f432c828b");

    [Fact(Skip = "finding F2: RTP one-byte extension element with id 0 parses but will not re-encode")]
    public void F2_RtpExtensionElementIdZero() => KnownFindings.Replay("crash-4bb9ad27c9f93469");

    [Fact]
    public void EveryKnownCrashFileExistsAndStillFails()
    {
        // When this fails, a finding was fixed: remove its Skip and its entries in KnownFindings.
        foreach (var file in KnownFindings.CrashFiles.Keys)
            Assert.ThrowsAny<Exception>(() => KnownFindings.Replay(file));
    }
}
