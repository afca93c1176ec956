using N = SecureLink.WebRtc.Sdp.WebRtcAttributeNames;

namespace SecureLink.WebRtc.Sdp;

/// <summary>
/// Reads SDP text line by line. Strict about what a session cannot do without (v=, o=, s=, t=,
/// m=, c=, and the WebRTC attributes whose values we act on), lenient about everything else:
/// unknown lines and attributes are kept, never rejected, because browsers add new ones every
/// release. Every failure is an <see cref="SdpParseException"/> naming the line.
/// </summary>
internal static class SdpParser
{
    private const int MaxQuoted = 40;

    public static SessionDescription Parse(string sdp)
    {
        ArgumentNullException.ThrowIfNull(sdp);
        // A byte-order mark is what a text editor adds to a pasted description, not content.
        var lines = (sdp.StartsWith('\uFEFF') ? sdp[1..] : sdp).Split('\n');
        var session = new SessionDescription();
        MediaDescription? media = null;
        bool seenV = false, seenO = false, seenS = false, sawBundle = false;
        var lineNumber = 0;
        var lastContentLine = 0;

        foreach (var raw in lines)
        {
            lineNumber++;
            var line = raw.EndsWith('\r') ? raw[..^1] : raw;
            if (line.Length == 0) continue; // the final CRLF, or a stray blank line: harmless
            lastContentLine = lineNumber;

            if (line.Length < 2 || line[1] != '=')
                throw Fail(lineNumber, $"expected '<letter>=<value>' but found \"{Quote(line)}\"");
            var type = line[0];
            var value = line[2..];

            if (!seenV)
            {
                if (type != 'v') throw Fail(lineNumber, $"an SDP description must start with \"v=0\", found \"{Quote(line)}\"");
                if (value.TrimEnd() != "0") throw Fail(lineNumber, $"unsupported SDP version \"{Quote(value)}\" (only v=0 exists)");
                seenV = true;
                continue;
            }

            switch (type)
            {
                case 'v':
                    throw Fail(lineNumber, "a second v= line (one description per text)");
                case 'o':
                    if (media is not null || seenO) throw Fail(lineNumber, "o= is allowed once, in the session section");
                    ParseOrigin(session, value, lineNumber);
                    session.ParsedOrigin = new ParsedLine(value, session.Origin);
                    seenO = true;
                    break;
                case 's':
                    if (media is not null || seenS) throw Fail(lineNumber, "s= is allowed once, in the session section");
                    session.SessionName = value;
                    seenS = true;
                    break;
                case 't':
                    if (media is not null) throw Fail(lineNumber, "t= is only allowed in the session section");
                    ParseTiming(value, lineNumber);
                    session.Times.Add(value);
                    break;
                case 'c':
                    var connection = SdpConnection.TryParse(value)
                        ?? throw Fail(lineNumber, $"c= must be '<nettype> <addrtype> <address>', found \"{Quote(value)}\"");
                    if (media is null)
                    {
                        if (session.Connection is not null) throw Fail(lineNumber, "more than one session-level c= line");
                        session.Connection = connection;
                        session.ParsedConnection = new ParsedLine(value, connection.ToString());
                    }
                    else
                    {
                        if (media.Connection is not null) throw Fail(lineNumber, "more than one c= line in a media section");
                        media.Connection = connection;
                        media.ParsedConnection = new ParsedLine(value, connection.ToString());
                    }
                    break;
                case 'b':
                    if (value.IndexOf(':') <= 0) throw Fail(lineNumber, $"b= must be '<bwtype>:<bandwidth>', found \"{Quote(value)}\"");
                    (media?.Bandwidths ?? session.Bandwidths).Add(value);
                    break;
                case 'm':
                    if (!seenO) throw Fail(lineNumber, "missing o= line before the first m= line");
                    if (!seenS) throw Fail(lineNumber, "missing s= line before the first m= line");
                    if (session.Times.Count == 0) throw Fail(lineNumber, "missing t= line before the first m= line");
                    media = ParseMediaLine(value, lineNumber);
                    media.ParsedMediaLine = new ParsedLine(value, media.MediaLine);
                    session.Media.Add(media);
                    break;
                case 'a':
                    var attribute = ParseAttribute(value, lineNumber);
                    if (media is not null)
                    {
                        AddMediaAttribute(media, attribute, lineNumber);
                        break;
                    }
                    // Only the first BUNDLE group is typed: WebRTC runs one transport, so one group.
                    if (!sawBundle && IsBundleGroup(attribute))
                    {
                        sawBundle = true;
                        session.BundleMids.AddRange(SdpGroup.TryParse(attribute.Value!)!.Mids);
                    }
                    session.Attributes.Add(attribute);
                    break;
                default:
                    (media?.OtherLines ?? session.OtherLines).Add(new SdpLine(type, value));
                    break;
            }
        }

        if (!seenV) throw Fail(1, "the SDP text is empty (expected \"v=0\")");
        var end = lastContentLine + 1;
        if (!seenO) throw Fail(end, "missing required o= line");
        if (!seenS) throw Fail(end, "missing required s= line");
        if (session.Times.Count == 0) throw Fail(end, "missing required t= line");
        return session;
    }

    /// <summary>max-message-size may exceed int (Firefox sends 1073741823; others up to 2^64): clamp rather than reject.</summary>
    internal static bool TryMaxMessageSize(string value, out int size)
    {
        size = 0;
        if (!SdpNumbers.TryULong(value, out var n))
        {
            if (value.Length == 0 || !value.All(char.IsAsciiDigit)) return false;
            n = ulong.MaxValue; // too many digits for ulong: still a number, just huge
        }
        size = n > int.MaxValue ? int.MaxValue : (int)n;
        return true;
    }

    private static void ParseOrigin(SessionDescription session, string value, int lineNumber)
    {
        var parts = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 6)
            throw Fail(lineNumber, $"o= must have 6 fields '<username> <sess-id> <sess-version> <nettype> <addrtype> <address>', found {parts.Length}");
        if (!SdpNumbers.TryULong(parts[1], out var id))
            throw Fail(lineNumber, $"o= session id \"{Quote(parts[1])}\" is not a number");
        if (!SdpNumbers.TryULong(parts[2], out var version))
            throw Fail(lineNumber, $"o= session version \"{Quote(parts[2])}\" is not a number");
        session.OriginUsername = parts[0];
        session.SessionId = id;
        session.SessionVersion = version;
        session.OriginNetworkType = parts[3];
        session.OriginAddressType = parts[4];
        session.OriginAddress = parts[5];
    }

    private static void ParseTiming(string value, int lineNumber)
    {
        var parts = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2 || !SdpNumbers.TryULong(parts[0], out _) || !SdpNumbers.TryULong(parts[1], out _))
            throw Fail(lineNumber, $"t= must be '<start> <stop>' (numbers), found \"{Quote(value)}\"");
    }

    private static MediaDescription ParseMediaLine(string value, int lineNumber)
    {
        var parts = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 4)
            throw Fail(lineNumber, $"m= must be '<media> <port> <proto> <fmt> ...', found \"{Quote(value)}\"");
        var portText = parts[1];
        int? count = null;
        var slash = portText.IndexOf('/');
        if (slash >= 0)
        {
            if (!SdpNumbers.TryInt(portText[(slash + 1)..], out var c) || c < 1)
                throw Fail(lineNumber, $"m= port count \"{Quote(portText)}\" is not a positive number");
            count = c;
            portText = portText[..slash];
        }
        if (!SdpNumbers.TryPort(portText, out var port))
            throw Fail(lineNumber, $"m= port \"{Quote(portText)}\" is not a number from 0 to 65535");
        return new MediaDescription(parts[0], port, parts[2], parts[3..]) { PortCount = count };
    }

    private static SdpAttribute ParseAttribute(string value, int lineNumber)
    {
        var colon = value.IndexOf(':');
        var name = colon < 0 ? value : value[..colon];
        if (name.Length == 0 || name.Any(char.IsWhiteSpace))
            throw Fail(lineNumber, $"a= must be 'a=<name>' or 'a=<name>:<value>', found \"a={Quote(value)}\"");
        return new SdpAttribute(name, colon < 0 ? null : value[(colon + 1)..]);
    }

    internal static bool IsBundleGroup(SdpAttribute a) =>
        a.Name == N.Group && a.Value is { } v && SdpGroup.TryParse(v) is { Semantics: "BUNDLE" };

    private static void AddMediaAttribute(MediaDescription media, SdpAttribute attribute, int lineNumber)
    {
        var value = attribute.Value;
        switch (attribute.Name)
        {
            case N.Candidate:
                if (string.IsNullOrWhiteSpace(value)) throw Fail(lineNumber, "a=candidate has no value");
                media.Candidates.Add("candidate:" + value);
                break;
            case N.RtpMap:
                var map = (value is null ? null : RtpMap.TryParse(value.Trim()))
                    ?? throw Fail(lineNumber, $"a=rtpmap must be '<payload type> <encoding>/<clock rate>[/<channels>]', found \"{Quote(value ?? "")}\"");
                media.RtpMaps.Add(map);
                break;
            case N.Fmtp:
                var (pt, parameters) = ParseFmtp(value, lineNumber);
                if (media.Fmtp.ContainsKey(pt)) throw Fail(lineNumber, $"a second a=fmtp for payload type {pt}");
                media.Fmtp[pt] = parameters;
                break;
            case N.SctpPort:
                if (value is null || !SdpNumbers.TryPort(value.Trim(), out _))
                    throw Fail(lineNumber, $"a=sctp-port must be a port number, found \"{Quote(value ?? "")}\"");
                break;
            case N.MaxMessageSize:
                if (value is null || !TryMaxMessageSize(value.Trim(), out _))
                    throw Fail(lineNumber, $"a=max-message-size must be a number, found \"{Quote(value ?? "")}\"");
                break;
            case N.SctpMap:
                if (value is null || SctpMap.TryParse(value) is null)
                    throw Fail(lineNumber, $"a=sctpmap must be '<port> <protocol> [<streams>]', found \"{Quote(value ?? "")}\"");
                break;
            case N.Mid:
                if (string.IsNullOrWhiteSpace(value)) throw Fail(lineNumber, "a=mid has no value");
                if (media.Mid is not null) throw Fail(lineNumber, "a second a=mid in one media section");
                break;
        }
        media.Attributes.Add(attribute);
    }

    private static (int PayloadType, string Parameters) ParseFmtp(string? value, int lineNumber)
    {
        var text = value?.TrimStart() ?? "";
        var space = text.IndexOf(' ');
        var ptText = space < 0 ? text : text[..space];
        if (!SdpNumbers.TryPayloadType(ptText, out var pt))
            throw Fail(lineNumber, $"a=fmtp must start with a payload type, found \"{Quote(value ?? "")}\"");
        return (pt, space < 0 ? "" : text[(space + 1)..]);
    }

    /// <summary>The parameters part of a well-formed fmtp value (what follows the payload type and one space).</summary>
    internal static string FmtpParameters(string? value)
    {
        var text = value?.TrimStart() ?? "";
        var space = text.IndexOf(' ');
        return space < 0 ? "" : text[(space + 1)..];
    }

    private static SdpParseException Fail(int lineNumber, string problem) => new(lineNumber, problem);

    /// <summary>A short, printable prefix of untrusted text for an error message.</summary>
    private static string Quote(string text)
    {
        var shortened = text.Length > MaxQuoted ? text[..MaxQuoted] + "..." : text;
        return string.Concat(shortened.Select(c => char.IsControl(c) ? '?' : c));
    }
}
