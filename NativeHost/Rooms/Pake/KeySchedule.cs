using System.Security.Cryptography;
using System.Text;

namespace SecureLink.Rooms.Pake;

/// <summary>
/// Everything derived from the J-PAKE keying material K, one HKDF-SHA256 label per purpose and
/// direction (magic-wormhole's rule, so no key is ever used for two things):
/// <code>
/// T    = SHA-256("securelink v1 pake transcript" | R1_creator | R1_joiner | R2_creator | R2_joiner)
/// PRK  = HKDF-Extract(salt = T, ikm = K as 384 bytes)
/// info(label) = label | 0x00 | len | creator fingerprint | len | joiner fingerprint
/// k_confirm_creator = HKDF-Expand(PRK, info("securelink v1 confirm creator"), 32)
/// k_confirm_joiner  = HKDF-Expand(PRK, info("securelink v1 confirm joiner"), 32)
/// session key       = HKDF-Expand(PRK, info("securelink v1 session"), 32)
/// tag_joiner  = HMAC-SHA256(k_confirm_joiner, T)
/// tag_creator = HMAC-SHA256(k_confirm_creator, T | creator safety nonce)
/// safety key  = HKDF(salt = creator nonce | joiner nonce, ikm = K, info("securelink v1 safety"), 32)
/// </code>
/// The fingerprints are as THIS side saw them, so a man in the middle makes every key differ
/// between the two sides. The safety key deliberately leaves T out: T holds Schnorr-proof
/// randomness a middle could re-roll to grind for matching codes; the nonces cannot be ground
/// (see docs/pin-authentication.md, "Safety code").
/// </summary>
internal sealed class KeySchedule : IDisposable
{
    public const int KeyBytes = 32;

    private const string ConfirmCreatorLabel = "securelink v1 confirm creator";
    private const string ConfirmJoinerLabel = "securelink v1 confirm joiner";
    private const string SessionLabel = "securelink v1 session";
    private const string SafetyLabel = "securelink v1 safety";
    private const string TranscriptLabel = "securelink v1 pake transcript";
    private const string CommitmentLabel = "securelink v1 safety commitment";

    private readonly byte[] _confirmCreator;
    private readonly byte[] _confirmJoiner;
    private readonly byte[] _session;
    private readonly byte[] _safetyPrkInput;
    private readonly byte[] _transcriptHash;
    private readonly PakeBinding _binding;

    private KeySchedule(byte[] confirmCreator, byte[] confirmJoiner, byte[] session, byte[] keyingMaterial,
        byte[] transcriptHash, PakeBinding binding)
    {
        _confirmCreator = confirmCreator;
        _confirmJoiner = confirmJoiner;
        _session = session;
        _safetyPrkInput = keyingMaterial;
        _transcriptHash = transcriptHash;
        _binding = binding;
    }

    /// <summary>Takes ownership of <paramref name="keyingMaterial"/> (zeroed on <see cref="Dispose"/>).</summary>
    public static KeySchedule Derive(byte[] keyingMaterial, byte[] transcriptHash, PakeBinding binding)
    {
        var prk = HKDF.Extract(HashAlgorithmName.SHA256, keyingMaterial, transcriptHash);
        try
        {
            return new KeySchedule(
                Expand(prk, ConfirmCreatorLabel, binding),
                Expand(prk, ConfirmJoinerLabel, binding),
                Expand(prk, SessionLabel, binding),
                keyingMaterial, transcriptHash, binding);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(prk);
        }
    }

    /// <summary>T: the hash of the four J-PAKE messages in creator-then-joiner order, exactly as sent.</summary>
    public static byte[] TranscriptHash(byte[] creatorRound1, byte[] joinerRound1, byte[] creatorRound2, byte[] joinerRound2)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.ASCII.GetBytes(TranscriptLabel));
        // Each message has a fixed length for its type and sender, so plain concatenation is unambiguous.
        hash.AppendData(creatorRound1);
        hash.AppendData(joinerRound1);
        hash.AppendData(creatorRound2);
        hash.AppendData(joinerRound2);
        return hash.GetHashAndReset();
    }

    /// <summary>The creator's commitment to its safety nonce, sent in its round 1 and opened in its confirmation.</summary>
    public static byte[] Commitment(ReadOnlySpan<byte> creatorNonce)
    {
        var label = Encoding.ASCII.GetBytes(CommitmentLabel);
        var input = new byte[label.Length + creatorNonce.Length];
        label.CopyTo(input, 0);
        creatorNonce.CopyTo(input.AsSpan(label.Length));
        return SHA256.HashData(input);
    }

    /// <summary>The confirmation <paramref name="sender"/> sends (the joiner's first; the creator's covers its nonce).</summary>
    public byte[] ConfirmationTag(PakeRole sender, ReadOnlySpan<byte> creatorNonce)
    {
        if (sender == PakeRole.Joiner) return HMACSHA256.HashData(_confirmJoiner, _transcriptHash);
        var data = new byte[_transcriptHash.Length + creatorNonce.Length];
        _transcriptHash.CopyTo(data, 0);
        creatorNonce.CopyTo(data.AsSpan(_transcriptHash.Length));
        return HMACSHA256.HashData(_confirmCreator, data);
    }

    /// <summary>Constant-time check of a received confirmation.</summary>
    public bool VerifyConfirmation(PakeRole sender, ReadOnlySpan<byte> creatorNonce, ReadOnlySpan<byte> received)
    {
        var expected = ConfirmationTag(sender, creatorNonce);
        try
        {
            return received.Length == expected.Length && CryptographicOperations.FixedTimeEquals(expected, received);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(expected);
        }
    }

    /// <summary>A fresh copy of the session key; the caller owns (and zeroes) it.</summary>
    public byte[] SessionKey() => (byte[])_session.Clone();

    /// <summary>The 8-digit code both people may compare aloud.</summary>
    public string SafetyCode(ReadOnlySpan<byte> creatorNonce, ReadOnlySpan<byte> joinerNonce)
    {
        var salt = new byte[creatorNonce.Length + joinerNonce.Length];
        creatorNonce.CopyTo(salt);
        joinerNonce.CopyTo(salt.AsSpan(creatorNonce.Length));
        var key = HKDF.DeriveKey(HashAlgorithmName.SHA256, _safetyPrkInput, KeyBytes, salt, Info(SafetyLabel, _binding));
        try
        {
            return Pake.SafetyCode.Format(key);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(_confirmCreator);
        CryptographicOperations.ZeroMemory(_confirmJoiner);
        CryptographicOperations.ZeroMemory(_session);
        CryptographicOperations.ZeroMemory(_safetyPrkInput);
    }

    private static byte[] Expand(byte[] prk, string label, PakeBinding binding) =>
        HKDF.Expand(HashAlgorithmName.SHA256, prk, KeyBytes, Info(label, binding));

    internal static byte[] Info(string label, PakeBinding binding)
    {
        var text = Encoding.ASCII.GetBytes(label);
        var creator = binding.CreatorFingerprint;
        var joiner = binding.JoinerFingerprint;
        var info = new byte[text.Length + 1 + 1 + creator.Length + 1 + joiner.Length];
        var at = 0;
        text.CopyTo(info, at); at += text.Length;
        info[at++] = 0;
        info[at++] = (byte)creator.Length;
        creator.CopyTo(info, at); at += creator.Length;
        info[at++] = (byte)joiner.Length;
        joiner.CopyTo(info, at);
        return info;
    }
}
