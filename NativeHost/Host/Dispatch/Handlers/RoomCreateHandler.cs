using System.Text.Json;
using SecureLink.Host.Protocol;
using SecureLink.Host.Session;
using SecureLink.Rooms.Codes;
using SecureLink.Rooms.Session;
using SecureLink.WebRtc.Transport;

namespace SecureLink.Host.Dispatch.Handlers;

/// <summary><c>room.create</c>: gathers, returns invite + QR + PIN; the room then waits for a reply.</summary>
public sealed class RoomCreateHandler(RoomHost rooms, ILog log) : IRequestHandler
{
    public async ValueTask<Reply> HandleAsync(Request request, CancellationToken cancellationToken)
    {
        var body = request.Body;
        var mode = RequestFields.RequireString(body, "mode") switch
        {
            "offline" => ConnectMode.Offline,
            "internet" => ConnectMode.Internet,
            _ => throw new RequestException(ErrorCodes.WrongType, "Field 'mode' must be \"offline\" or \"internet\"."),
        };
        var stun = StunServers(body);
        if (mode == ConnectMode.Internet && stun.Count == 0)
            throw new RequestException(ErrorCodes.MissingField, "Internet mode needs at least one STUN server in 'stunServers'.");
        var options = new RoomOptions
        {
            Mode = mode,
            StunServers = mode == ConnectMode.Internet ? stun : [],
            PinDigits = RequestFields.OptionalInt32(body, "pinDigits", 4, 10) ?? 4,
            ExpiresIn = TimeSpan.FromSeconds(RequestFields.OptionalInt32(body, "expiresInSeconds", 10, 3600) ?? 600),
            Log = log,
        };
        var room = await RoomErrors.Guard(() => rooms.CreateAsync(options, cancellationToken)).ConfigureAwait(false);
        var inv = room.Invitation ?? throw new RequestException(ErrorCodes.HostError, "The room ended before its invite could be shown.");
        return Reply.Of(new RoomCreateResponse(request.Id, inv.RoomId, inv.Invite, inv.InviteQrSvg, inv.Pin, RoomHost.Iso(inv.ExpiresAt)),
            HostJson.Context.RoomCreateResponse);
    }

    private static List<string> StunServers(JsonElement body)
    {
        if (!body.TryGetProperty("stunServers", out var list) || list.ValueKind == JsonValueKind.Null) return [];
        if (list.ValueKind != JsonValueKind.Array)
            throw new RequestException(ErrorCodes.WrongType, "Field 'stunServers' must be a list of \"HOST:PORT\" strings.");
        var servers = new List<string>();
        foreach (var item in list.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || !RequestFields.TryGetString(item, out var s) || !LooksLikeHostPort(s))
                throw new RequestException(ErrorCodes.WrongType, "Field 'stunServers' must be a list of \"HOST:PORT\" strings.");
            servers.Add(s);
            if (servers.Count > 8) throw new RequestException(ErrorCodes.WrongType, "Field 'stunServers' takes at most 8 servers.");
        }
        return servers;
    }

    private static bool LooksLikeHostPort(string s)
    {
        var rest = s.StartsWith("stun:", StringComparison.OrdinalIgnoreCase) ? s[5..] : s;
        var colon = rest.LastIndexOf(':');
        return colon > 0 && rest.Length <= 260 && int.TryParse(rest[(colon + 1)..], out var port) && port is > 0 and < 65536;
    }
}
