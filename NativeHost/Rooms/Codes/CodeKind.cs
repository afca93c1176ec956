namespace SecureLink.Rooms.Codes;

/// <summary>Invite or reply: the text prefix, the kind byte, and the words used in messages.</summary>
internal sealed class CodeKind
{
    public static readonly CodeKind Invite = new(0x01, "SLI", "invite code");
    public static readonly CodeKind Reply = new(0x02, "SLR", "reply code");

    private CodeKind(byte value, string prefix, string noun)
    {
        Value = value;
        Prefix = prefix;
        Noun = noun;
    }

    /// <summary>Byte 1 of the record.</summary>
    public byte Value { get; }

    /// <summary>Letters before the base-44 text; in the QR alphanumeric set, so the whole code stays in that mode.</summary>
    public string Prefix { get; }

    /// <summary>"invite code" / "reply code", for messages.</summary>
    public string Noun { get; }

    public CodeKind Other => ReferenceEquals(this, Invite) ? Reply : Invite;
}
