namespace SecureLink.Rooms.Codes;

/// <summary>
/// An <see cref="InviteRecord"/> as text: "SLI" then base-44 of the binary record
/// (layout in docs/codes.md). Decoding ignores whitespace and case, and refuses anything
/// wrong with a <see cref="CodeException"/> only.
/// </summary>
public static class InviteCode
{
    private const byte InternetFlag = 0x01;

    /// <summary>Writes the code; a record that breaks <see cref="CodeLimits"/> is a bug and gets <see cref="ArgumentException"/>.</summary>
    public static string Encode(InviteRecord r)
    {
        ArgumentNullException.ThrowIfNull(r);
        RecordRules.CheckCommon(r.RoomId, r.IceUfrag, r.IcePwd, r.DtlsSha256Fingerprint, r.Candidates, r.Features);
        ArgumentNullException.ThrowIfNull(r.StunServers);
        if (!Enum.IsDefined(r.Mode)) throw new ArgumentException("Unknown connect mode.", nameof(r));
        if (r.Mode == ConnectMode.Offline && (r.StunServers.Count > 0 || r.Candidates.Any(c => c.IsServerReflexive)))
            throw new ArgumentException("An Offline invite has no STUN server and no server-reflexive candidate.", nameof(r));
        if (r.StunServers.Count > CodeLimits.MaxStunServers)
            throw new ArgumentException($"An invite carries at most {CodeLimits.MaxStunServers} STUN servers.", nameof(r));
        foreach (var s in r.StunServers) RecordRules.CheckString(s ?? "", 1, RecordRules.IsStunChar, "STUN server");
        var expiry = r.ExpiresAt.ToUnixTimeSeconds();
        if (expiry is < 0 or > uint.MaxValue) throw new ArgumentOutOfRangeException(nameof(r), "The expiry must fall between 1970 and 2106.");

        var w = new RecordWriter();
        w.Byte(CodeEnvelope.CurrentVersion);
        w.Byte(CodeKind.Invite.Value);
        w.Byte(r.Mode == ConnectMode.Internet ? InternetFlag : (byte)0);
        w.Byte((byte)r.Features);
        w.Bytes(r.RoomId);
        w.UInt32((uint)expiry);
        RecordRules.WriteCommonTail(w, r.IceUfrag, r.IcePwd, r.DtlsSha256Fingerprint, r.Candidates);
        if (r.Mode == ConnectMode.Internet)
        {
            w.Byte((byte)r.StunServers.Count);
            foreach (var s in r.StunServers) w.ShortAscii(s);
        }
        return CodeEnvelope.Seal(CodeKind.Invite, w.ToArray());
    }

    /// <summary>
    /// Reads an invite pasted or scanned by a person. Throws <see cref="CodeException"/> (and
    /// nothing else) when it is damaged, cut off, from a newer SecureLink, a reply code, or
    /// expired at <paramref name="now"/>.
    /// </summary>
    public static InviteRecord Decode(string text, DateTimeOffset now)
    {
        var invite = CodeEnvelope.Open(text, CodeKind.Invite, Read);
        if (now >= invite.ExpiresAt) throw CodeEnvelope.Error(CodeKind.Invite, CodeErrors.Expired);
        return invite;
    }

    private static InviteRecord Read(RecordReader r)
    {
        var flags = r.Byte();
        if ((flags & ~InternetFlag) != 0) throw new RecordNewerException();
        var mode = (flags & InternetFlag) != 0 ? ConnectMode.Internet : ConnectMode.Offline;
        var features = RecordRules.ReadFeatures(r);
        var roomId = r.Bytes(CodeLimits.RoomIdLength);
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(r.UInt32());
        var ufrag = r.ShortAscii(RecordRules.IsIceChar, CodeLimits.MinUfragLength, "ufrag");
        var pwd = r.ShortAscii(RecordRules.IsIceChar, CodeLimits.MinPwdLength, "pwd");
        var fingerprint = r.Bytes(CodeLimits.FingerprintLength);
        var candidates = RecordRules.ReadCandidates(r);
        var stun = new List<string>();
        if (mode == ConnectMode.Internet)
        {
            var n = r.Byte();
            if (n > CodeLimits.MaxStunServers) throw new RecordFieldException("too many STUN servers");
            for (var i = 0; i < n; i++) stun.Add(r.ShortAscii(RecordRules.IsStunChar, 1, "STUN server"));
        }
        else if (candidates.Any(c => c.IsServerReflexive))
        {
            throw new RecordFieldException("server-reflexive candidate in an Offline invite");
        }
        return new InviteRecord(roomId, mode, ufrag, pwd, fingerprint, candidates, stun, expiresAt) { Features = features };
    }
}
