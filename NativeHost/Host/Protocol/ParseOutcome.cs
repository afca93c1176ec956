using System.Text.Json;

namespace SecureLink.Host.Protocol;

/// <summary>
/// The result of parsing one frame: either a valid <see cref="Request"/> or an error to answer with
/// <see cref="Id"/> (null when the id could not be read). Owns the parsed document; dispose it once
/// the request has been handled.
/// </summary>
public sealed class ParseOutcome : IDisposable
{
    private readonly JsonDocument? _document;

    private ParseOutcome(JsonDocument? document, Request? request, long? id, RequestException? error)
    {
        _document = document;
        Request = request;
        Id = id;
        Error = error;
    }

    public Request? Request { get; }
    public long? Id { get; }
    public RequestException? Error { get; }

    public static ParseOutcome Valid(JsonDocument document, Request request) => new(document, request, request.Id, null);

    public static ParseOutcome Invalid(JsonDocument? document, long? id, RequestException error) => new(document, null, id, error);

    public void Dispose() => _document?.Dispose();
}
