using System.Net.Sockets;

namespace SecureLink.Rooms.Codes;

/// <summary>
/// What a well-formed record holds, shared by the encoders (which refuse a bad record with
/// <see cref="ArgumentException"/>: that is a bug in the caller) and the decoders.
/// </summary>
internal static class RecordRules
{
    public const CodeFeatures KnownFeatures = CodeFeatures.DataChannel | CodeFeatures.Audio | CodeFeatures.AudioFirst;

    /// <summary>Every session has a data channel; "audio first" needs audio.</summary>
    public static bool FeaturesConsistent(CodeFeatures f) =>
        (f & CodeFeatures.DataChannel) != 0 && ((f & CodeFeatures.AudioFirst) == 0 || (f & CodeFeatures.Audio) != 0);

    /// <summary>RFC 8839 ice-char: ALPHA / DIGIT / "+" / "/".</summary>
    public static bool IsIceChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '+' or '/';

    /// <summary>A STUN server is written "HOST:PORT" (or "stun:HOST:PORT", "[v6]:PORT"): visible ASCII, no space.</summary>
    public static bool IsStunChar(char c) => c is > ' ' and <= '~';

    public static void CheckCommon(byte[] roomId, string ufrag, string pwd, byte[] fingerprint,
        IReadOnlyList<CodeCandidate> candidates, CodeFeatures features)
    {
        ArgumentNullException.ThrowIfNull(roomId);
        ArgumentNullException.ThrowIfNull(ufrag);
        ArgumentNullException.ThrowIfNull(pwd);
        ArgumentNullException.ThrowIfNull(fingerprint);
        ArgumentNullException.ThrowIfNull(candidates);
        if (roomId.Length != CodeLimits.RoomIdLength)
            throw new ArgumentException($"The room id must be {CodeLimits.RoomIdLength} bytes.", nameof(roomId));
        CheckString(ufrag, CodeLimits.MinUfragLength, IsIceChar, "ICE ufrag");
        CheckString(pwd, CodeLimits.MinPwdLength, IsIceChar, "ICE password");
        if (fingerprint.Length != CodeLimits.FingerprintLength)
            throw new ArgumentException($"The DTLS fingerprint must be {CodeLimits.FingerprintLength} bytes (SHA-256).", nameof(fingerprint));
        if (candidates.Count > CodeLimits.MaxCandidates)
            throw new ArgumentException($"A code carries at most {CodeLimits.MaxCandidates} candidates.", nameof(candidates));
        foreach (var c in candidates)
        {
            ArgumentNullException.ThrowIfNull(c);
            ArgumentNullException.ThrowIfNull(c.Address);
            if (!CandidateFormat.IsCarriable(c.Address))
                throw new ArgumentException($"The candidate address {c.Address} cannot be used by a peer.", nameof(candidates));
            if (c.Port is < 1 or > 65535)
                throw new ArgumentException($"The candidate port {c.Port} must be 1 to 65535.", nameof(candidates));
        }
        if ((features & ~KnownFeatures) != 0 || !FeaturesConsistent(features))
            throw new ArgumentException("The features must include the data channel, audio when audio comes first, and nothing unknown.", nameof(features));
    }

    public static void CheckString(string value, int minLength, Func<char, bool> allowed, string what)
    {
        if (value.Length < minLength || value.Length > CodeLimits.MaxStringLength || !value.All(allowed))
            throw new ArgumentException($"The {what} must be {minLength} to {CodeLimits.MaxStringLength} allowed ASCII characters.", nameof(value));
    }

    public static CodeFeatures ReadFeatures(RecordReader r)
    {
        var features = (CodeFeatures)r.Byte();
        if ((features & ~KnownFeatures) != 0) throw new RecordNewerException();
        if (!FeaturesConsistent(features)) throw new RecordFieldException("no data channel, or audio first without audio");
        return features;
    }

    public static List<CodeCandidate> ReadCandidates(RecordReader r)
    {
        var count = r.Byte();
        if (count > CodeLimits.MaxCandidates) throw new RecordFieldException("too many candidates");
        var list = new List<CodeCandidate>(count);
        for (var i = 0; i < count; i++) list.Add(r.Candidate());
        return list;
    }

    public static void WriteCommonTail(RecordWriter w, string ufrag, string pwd, byte[] fingerprint, IReadOnlyList<CodeCandidate> candidates)
    {
        w.ShortAscii(ufrag);
        w.ShortAscii(pwd);
        w.Bytes(fingerprint);
        w.Byte((byte)candidates.Count);
        foreach (var c in candidates) w.Candidate(c);
    }

    public static bool IsV6(CodeCandidate c) => c.Address.AddressFamily == AddressFamily.InterNetworkV6;
}
