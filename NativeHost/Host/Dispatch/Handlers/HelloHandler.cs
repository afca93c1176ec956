using SecureLink.Host.Protocol;

namespace SecureLink.Host.Dispatch.Handlers;

/// <summary><c>hello</c>: version handshake. <c>protocol</c> is required and must be one we speak.</summary>
public sealed class HelloHandler : IRequestHandler
{
    /// <summary>Protocol versions this host speaks, as sent in <c>unsupported_protocol</c> errors.</summary>
    public static readonly int[] SupportedProtocols = [1];

    private readonly HostInfo _info;

    public HelloHandler(HostInfo info) => _info = info;

    public ValueTask<Reply> HandleAsync(Request request, CancellationToken cancellationToken)
    {
        var protocol = RequestFields.RequireNumber(request.Body, "protocol");
        if (!protocol.TryGetInt32(out var version) || Array.IndexOf(SupportedProtocols, version) < 0)
            throw new RequestException(ErrorCodes.UnsupportedProtocol, "This host speaks protocol version 1 only.", [.. SupportedProtocols]);

        return ValueTask.FromResult(Reply.Of(new HelloResponse(request.Id, _info), HostJson.Context.HelloResponse));
    }
}
