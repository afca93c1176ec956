using SecureLink.Host.Protocol;
using SecureLink.WebRtc.Transport;

namespace SecureLink.Host.Dispatch;

/// <summary>
/// The table from request <c>type</c> to handler. Later layers (rooms, chat, calls) add their
/// handlers with <see cref="Register"/> instead of growing a switch.
/// </summary>
public sealed class RequestDispatcher
{
    private readonly Dictionary<string, IRequestHandler> _handlers = new(StringComparer.Ordinal);
    private readonly ILog _log;

    public RequestDispatcher(ILog log) => _log = log;

    /// <summary>Adds or replaces the handler of <paramref name="type"/>.</summary>
    public RequestDispatcher Register(string type, IRequestHandler handler)
    {
        _handlers[type] = handler;
        return this;
    }

    public bool IsKnown(string type) => _handlers.ContainsKey(type);

    public IReadOnlyCollection<string> KnownTypes => _handlers.Keys;

    /// <summary>Runs the handler of <paramref name="request"/>; every failure becomes an error reply.</summary>
    public async ValueTask<Reply> DispatchAsync(Request request, CancellationToken cancellationToken)
    {
        if (!_handlers.TryGetValue(request.Type, out var handler))
            return Errors.Reply(request.Id, new RequestException(ErrorCodes.UnknownType, UnknownTypeMessage(request.Type)));

        try
        {
            return await handler.HandleAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestException e)
        {
            return Errors.Reply(request.Id, e);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The exception message could quote request content, so only its type is logged.
            if (_log.IsEnabled(LogLevel.Error))
                _log.Write(LogLevel.Error, "dispatch", $"handler for '{request.Type}' (id {request.Id}) failed: {e.GetType().Name}");
            return Errors.Reply(request.Id, new RequestException(ErrorCodes.HostError, "The host failed to handle this request."));
        }
    }

    // Naming the type helps whoever wrote the client; only short, plain names are echoed so an
    // answer never grows with the client's input.
    private static string UnknownTypeMessage(string type) =>
        type.Length is > 0 and <= 64 && type.All(c => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '.' or '_' or '-')
            ? $"Request type '{type}' is not known to this host."
            : "This request type is not known to this host.";
}
