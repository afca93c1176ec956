namespace SecureLink.Rooms.Nearby;

/// <summary>The two DNS record types nearby rooms use (RFC 1035 numbers); everything else is skipped when read.</summary>
public enum MdnsType : ushort
{
    Ptr = 12,
    Txt = 16,
    Any = 255,
}

/// <summary>
/// One resource record: a PTR (<see cref="Target"/>) or a TXT (<see cref="Strings"/>).
/// <see cref="TtlSeconds"/> 0 is a goodbye (RFC 6762 §10.1). <see cref="CacheFlush"/> marks a
/// unique record (our TXT); shared records (the PTR) leave it clear.
/// </summary>
public sealed record MdnsRecord(string Name, MdnsType Type, uint TtlSeconds, bool CacheFlush, string? Target, IReadOnlyList<string> Strings)
{
    public static MdnsRecord Ptr(string name, string target, uint ttl) => new(name, MdnsType.Ptr, ttl, false, target, []);

    public static MdnsRecord Txt(string name, IReadOnlyList<string> strings, uint ttl) => new(name, MdnsType.Txt, ttl, true, null, strings);
}

/// <summary>A question: the name and type asked about (class IN; the unicast-response bit is ignored: we always answer by multicast).</summary>
public sealed record MdnsQuestion(string Name, MdnsType Type);

/// <summary>A parsed message: a query (questions, maybe known answers) or a response (answers).</summary>
public sealed record MdnsMessage(bool IsResponse, IReadOnlyList<MdnsQuestion> Questions, IReadOnlyList<MdnsRecord> Answers);
