using SecureLink.Host.Protocol;

namespace SecureLink.Host.Dispatch.Handlers;

/// <summary><c>nearby.status</c>: is the current room visible, and as what (a reopened popup shows the label again).</summary>
public sealed class NearbyStatusHandler(NearbyService nearby) : IRequestHandler
{
    public ValueTask<Reply> HandleAsync(Request request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Reply.Of(nearby.Status(request.Id), HostJson.Context.NearbyStatusResponse));
}
