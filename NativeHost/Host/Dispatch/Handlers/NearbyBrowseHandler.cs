using SecureLink.Host.Protocol;
using SecureLink.Rooms.Nearby;

namespace SecureLink.Host.Dispatch.Handlers;

/// <summary>
/// <c>nearby.browse</c> (<c>seconds?</c>, 1–10, default 3): answers <c>{}</c> at once, then looks for
/// visible rooms and reports them as <c>nearby.rooms</c> events, the last with <c>done: true</c>.
/// It sends mDNS queries, so the popup calls it only when the person asks to look.
/// </summary>
public sealed class NearbyBrowseHandler(NearbyService nearby) : IRequestHandler
{
    public ValueTask<Reply> HandleAsync(Request request, CancellationToken cancellationToken)
    {
        var seconds = RequestFields.OptionalInt32(request.Body, "seconds", 1, 10) ?? 3;
        try
        {
            nearby.Browse(TimeSpan.FromSeconds(seconds));
        }
        catch (NearbyException e)
        {
            throw new RequestException(e.Code, e.Message);
        }
        return ValueTask.FromResult(Reply.Of(new EmptyResponse(request.Id), HostJson.Context.EmptyResponse));
    }
}
