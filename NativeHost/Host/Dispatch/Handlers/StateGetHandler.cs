using SecureLink.Host.Protocol;
using SecureLink.Host.Session;

namespace SecureLink.Host.Dispatch.Handlers;

/// <summary><c>state.get</c>: the snapshot a popup draws itself from when it opens.</summary>
public sealed class StateGetHandler : IRequestHandler
{
    private readonly ISessionState _session;

    public StateGetHandler(ISessionState session) => _session = session;

    public ValueTask<Reply> HandleAsync(Request request, CancellationToken cancellationToken)
    {
        var snapshot = _session.GetSnapshot();
        var response = new StateSnapshotResponse(request.Id, snapshot.Room, snapshot.Messages, snapshot.HasOlder, snapshot.Call);
        return ValueTask.FromResult(Reply.Of(response, HostJson.Context.StateSnapshotResponse));
    }
}
