using System.Text;
using N = SecureLink.WebRtc.Sdp.WebRtcAttributeNames;

namespace SecureLink.WebRtc.Sdp;

/// <summary>
/// Writes a description in RFC 8866 order with CRLF endings. Attributes come out in the
/// order they are held; the typed collections (BUNDLE mids, candidates, rtpmap, fmtp) are
/// merged back into that order, so an unchanged description is written exactly as parsed.
/// </summary>
internal static class SdpWriter
{
    private static readonly char[] BeforeConnection = ['i', 'u', 'e', 'p'];
    private static readonly char[] AfterTime = ['r', 'z'];

    public static string Write(SessionDescription session)
    {
        var sb = new StringBuilder(1024);
        Line(sb, 'v', "0");
        Line(sb, 'o', session.ParsedOrigin?.Choose(session.Origin) ?? session.Origin);
        Line(sb, 's', session.SessionName);
        OtherLines(sb, session.OtherLines, t => BeforeConnection.Contains(t));
        if (session.Connection is { } c) Line(sb, 'c', session.ParsedConnection?.Choose(c.ToString()) ?? c.ToString());
        foreach (var b in session.Bandwidths) Line(sb, 'b', b);
        if (session.Times.Count == 0) Line(sb, 't', "0 0");
        foreach (var t in session.Times) Line(sb, 't', t);
        OtherLines(sb, session.OtherLines, t => AfterTime.Contains(t));
        OtherLines(sb, session.OtherLines, t => !BeforeConnection.Contains(t) && !AfterTime.Contains(t));
        foreach (var a in MergeBundle(session)) Line(sb, 'a', a.ToString());
        foreach (var m in session.Media) WriteMedia(sb, m);
        return sb.ToString();
    }

    private static void WriteMedia(StringBuilder sb, MediaDescription media)
    {
        Line(sb, 'm', media.ParsedMediaLine?.Choose(media.MediaLine) ?? media.MediaLine);
        OtherLines(sb, media.OtherLines, t => t == 'i');
        if (media.Connection is { } c) Line(sb, 'c', media.ParsedConnection?.Choose(c.ToString()) ?? c.ToString());
        foreach (var b in media.Bandwidths) Line(sb, 'b', b);
        OtherLines(sb, media.OtherLines, t => t != 'i');
        var attributes = Merge(media.Attributes, N.Candidate, media.Candidates.Select(MediaDescription.StripCandidatePrefix).ToList(),
            v => v is null ? null : MediaDescription.StripCandidatePrefix(v), v => v);
        attributes = Merge(attributes, N.RtpMap, media.RtpMaps, v => v is null ? null : RtpMap.TryParse(v.Trim()), m => m.ToString());
        attributes = MergeFmtp(attributes, media.Fmtp);
        foreach (var a in attributes) Line(sb, 'a', a.ToString());
    }

    /// <summary>
    /// The k-th <paramref name="name"/> attribute takes the k-th typed value (kept as written
    /// when it still means the same); surplus held attributes are dropped, surplus typed values
    /// go after the last one (or at the end).
    /// </summary>
    private static List<SdpAttribute> Merge<T>(List<SdpAttribute> attributes, string name, IReadOnlyList<T> typed,
        Func<string?, T?> parse, Func<T, string> format) where T : class
    {
        var result = new List<SdpAttribute>(attributes.Count + typed.Count);
        var k = 0;
        var insertAt = -1;
        foreach (var a in attributes)
        {
            if (a.Name != name)
            {
                result.Add(a);
                continue;
            }
            if (k < typed.Count)
            {
                result.Add(Equals(parse(a.Value), typed[k]) ? a : new SdpAttribute(name, format(typed[k])));
                insertAt = result.Count;
            }
            k++;
        }
        if (k < typed.Count)
        {
            var extra = typed.Skip(k).Select(v => new SdpAttribute(name, format(v)));
            if (insertAt < 0) result.AddRange(extra);
            else result.InsertRange(insertAt, extra);
        }
        return result;
    }

    /// <summary>fmtp is keyed by payload type: each held fmtp takes its type's typed value; new types follow their rtpmap.</summary>
    private static List<SdpAttribute> MergeFmtp(List<SdpAttribute> attributes, Dictionary<int, string> fmtp)
    {
        var written = new HashSet<int>();
        var result = new List<SdpAttribute>(attributes.Count + fmtp.Count);
        foreach (var a in attributes)
        {
            if (a.Name != N.Fmtp) { result.Add(a); continue; }
            if (FmtpPayloadType(a) is not { } pt || !fmtp.TryGetValue(pt, out var parameters) || !written.Add(pt)) continue;
            result.Add(SdpParser.FmtpParameters(a.Value) == parameters ? a : new SdpAttribute(N.Fmtp, FmtpValue(pt, parameters)));
        }
        foreach (var (pt, parameters) in fmtp)
        {
            if (written.Contains(pt)) continue;
            var rtpmap = result.FindLastIndex(a => a.Name == N.RtpMap && a.Value is { } v && RtpMap.TryParse(v.Trim())?.PayloadType == pt);
            var attribute = new SdpAttribute(N.Fmtp, FmtpValue(pt, parameters));
            if (rtpmap < 0) result.Add(attribute);
            else result.Insert(rtpmap + 1, attribute);
        }
        return result;
    }

    private static string FmtpValue(int pt, string parameters) => parameters.Length == 0 ? SdpNumbers.Text(pt) : $"{pt} {parameters}";

    private static int? FmtpPayloadType(SdpAttribute a)
    {
        var text = a.Value?.TrimStart() ?? "";
        var space = text.IndexOf(' ');
        return SdpNumbers.TryPayloadType(space < 0 ? text : text[..space], out var pt) ? pt : null;
    }

    internal static List<SdpAttribute> MergeBundle(SessionDescription session)
    {
        var result = new List<SdpAttribute>(session.Attributes.Count + 1);
        var done = false;
        var value = "BUNDLE " + string.Join(' ', session.BundleMids);
        foreach (var a in session.Attributes)
        {
            // Only the first BUNDLE group is typed; any later one is kept as it was.
            if (done || !SdpParser.IsBundleGroup(a)) { result.Add(a); continue; }
            done = true;
            var held = SdpGroup.TryParse(a.Value!)!;
            if (held.Mids.SequenceEqual(session.BundleMids)) result.Add(a);
            else if (session.BundleMids.Count > 0) result.Add(new SdpAttribute(N.Group, value));
        }
        if (!done && session.BundleMids.Count > 0) result.Insert(0, new SdpAttribute(N.Group, value));
        return result;
    }

    private static void OtherLines(StringBuilder sb, List<SdpLine> lines, Func<char, bool> which)
    {
        foreach (var l in lines)
            if (which(l.Type)) Line(sb, l.Type, l.Value);
    }

    private static void Line(StringBuilder sb, char type, string value) => sb.Append(type).Append('=').Append(value).Append("\r\n");
}
