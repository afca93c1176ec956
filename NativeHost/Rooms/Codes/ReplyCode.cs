namespace SecureLink.Rooms.Codes;

/// <summary>
/// A <see cref="ReplyRecord"/> as text: "SLR" then base-44 of the binary record
/// (layout in docs/codes.md). Decoding refuses anything wrong with a <see cref="CodeException"/> only.
/// </summary>
public static class ReplyCode
{
    /// <summary>Writes the code; a record that breaks <see cref="CodeLimits"/> is a bug and gets <see cref="ArgumentException"/>.</summary>
    public static string Encode(ReplyRecord r)
    {
        ArgumentNullException.ThrowIfNull(r);
        RecordRules.CheckCommon(r.RoomId, r.IceUfrag, r.IcePwd, r.DtlsSha256Fingerprint, r.Candidates, r.Features);
        var w = new RecordWriter();
        w.Byte(CodeEnvelope.CurrentVersion);
        w.Byte(CodeKind.Reply.Value);
        w.Byte(0); // flags: none defined for replies yet
        w.Byte((byte)r.Features);
        w.Bytes(r.RoomId);
        RecordRules.WriteCommonTail(w, r.IceUfrag, r.IcePwd, r.DtlsSha256Fingerprint, r.Candidates);
        return CodeEnvelope.Seal(CodeKind.Reply, w.ToArray());
    }

    /// <summary>
    /// Reads a reply pasted or scanned by the room's creator. Throws <see cref="CodeException"/>
    /// (and nothing else) when it is damaged, cut off, from a newer SecureLink, an invite code,
    /// or answers a room other than <paramref name="expectedRoomId"/>.
    /// </summary>
    public static ReplyRecord Decode(string text, byte[] expectedRoomId)
    {
        ArgumentNullException.ThrowIfNull(expectedRoomId);
        var reply = CodeEnvelope.Open(text, CodeKind.Reply, Read);
        if (!reply.RoomId.AsSpan().SequenceEqual(expectedRoomId)) throw CodeEnvelope.Error(CodeKind.Reply, CodeErrors.OtherRoom);
        return reply;
    }

    private static ReplyRecord Read(RecordReader r)
    {
        if (r.Byte() != 0) throw new RecordNewerException();
        var features = RecordRules.ReadFeatures(r);
        var roomId = r.Bytes(CodeLimits.RoomIdLength);
        var ufrag = r.ShortAscii(RecordRules.IsIceChar, CodeLimits.MinUfragLength, "ufrag");
        var pwd = r.ShortAscii(RecordRules.IsIceChar, CodeLimits.MinPwdLength, "pwd");
        var fingerprint = r.Bytes(CodeLimits.FingerprintLength);
        var candidates = RecordRules.ReadCandidates(r);
        return new ReplyRecord(roomId, ufrag, pwd, fingerprint, candidates) { Features = features };
    }
}
