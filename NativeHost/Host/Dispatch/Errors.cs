using SecureLink.Host.Protocol;

namespace SecureLink.Host.Dispatch;

/// <summary>Builds error replies in the one shape the protocol allows.</summary>
public static class Errors
{
    public static Reply Reply(long? id, RequestException error) =>
        Dispatch.Reply.Of(
            new ErrorResponse(id, new ErrorBody(error.Code, error.Message, error.Supported)),
            HostJson.Context.ErrorResponse);

    public static Reply Reply(long? id, string code, string message) => Reply(id, new RequestException(code, message));
}
