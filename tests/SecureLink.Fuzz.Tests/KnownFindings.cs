using Xunit;

namespace SecureLink.Fuzz.Tests;

/// <summary>
/// Findings the fuzzers made (docs/fuzzing.md, "Findings"). A finding still open keeps its crash
/// files in <see cref="CrashFiles"/> (the plain replay skips them) and its exception signature in
/// <see cref="Signatures"/>; once fixed, its files leave both lists and become ordinary corpus
/// entries, and <see cref="FixedFindingTests"/> replays each by name.
/// </summary>
public static class KnownFindings
{
    /// <summary>Crash file name → harness, for findings not fixed yet.</summary>
    public static IReadOnlyDictionary<string, string> CrashFiles { get; } = new Dictionary<string, string>();

    /// <summary>Exception signatures (see <see cref="MutationFuzzer.Signature"/>) the mutation tests tolerate until fixed.</summary>
    public static IReadOnlySet<string> Signatures { get; } = new HashSet<string>(StringComparer.Ordinal);

    public static void Replay(string harness, string file) =>
        AllHarnesses.Get(harness).Run(File.ReadAllBytes(Path.Combine(Corpus.Folder(harness), file)));
}

/// <summary>Each input that once escaped a parser, replayed on its own so a regression names it.</summary>
public sealed class FixedFindingTests
{
    // F1: an escaped lone surrogate in a property NAME escaped RequestParser as InvalidOperationException
    // (JsonDocument's duplicate-key check); the host answered host_error instead of bad_json.
    [Theory]
    [InlineData("crash-02724f63cc02840d")]
    [InlineData("crash-c74b11d89a929a76")]
    [InlineData("crash-360f254f8796d189")]
    [InlineData("crash-60dbe1c7c8645e21")]
    [InlineData("crash-aeb9476f432c828b")]
    public void F1_LoneSurrogateInPropertyName(string file) => KnownFindings.Replay("request", file);

    // F2: a one-byte RTP header extension element with id 0 parsed, then could not be written back.
    [Fact]
    public void F2_RtpExtensionElementIdZero() => KnownFindings.Replay("rtp", "crash-4bb9ad27c9f93469");

    // F3: a record with the reserved version {0xFE, 0xFE} made BouncyCastle throw ArgumentException
    // (ProtocolVersion.Get) and close a live session with internal_error: one spoofed datagram, no keys.
    [Theory]
    [InlineData("dtls-session", "crash-634a258992c50da7")]
    [InlineData("dtls-client", "crash-eb5ce5e59dc4c7e9")]
    public void F3_ReservedRecordVersionKilledTheSession(string harness, string file) => KnownFindings.Replay(harness, file);

    // F4: the same version inside a ClientHello / ServerHello aborted the handshake with internal_error.
    [Theory]
    [InlineData("dtls-server", "crash-e321dbc999ea0eaa")]
    [InlineData("dtls-client", "crash-af2b647a0daab6b0")]
    public void F4_ReservedHelloVersionAbortedTheHandshake(string harness, string file) => KnownFindings.Replay(harness, file);
}
