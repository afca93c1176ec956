using SecureLink.Host.Protocol;

namespace SecureLink.Host.Dispatch;

/// <summary>
/// Handles one request type (or a group). Throw <see cref="RequestException"/> to answer with an
/// error; any other exception is answered <c>host_error</c> and logged by type name only.
/// Requests are handled one at a time in arrival order, so a handler must not wait on the network
/// for long: start the work, answer, and report progress as events.
/// </summary>
public interface IRequestHandler
{
    ValueTask<Reply> HandleAsync(Request request, CancellationToken cancellationToken);
}
