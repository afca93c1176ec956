using System.Text.Json.Serialization.Metadata;
using SecureLink.Host.Protocol;

namespace SecureLink.Host.NativeMessaging;

/// <summary>
/// How the rest of the host tells the browser something happened: <c>{"event": ..., ...}</c>
/// frames. Safe to call from any thread; events and responses are written by one loop, so they
/// never interleave inside a frame.
/// </summary>
public interface IEventSink
{
    ValueTask EmitAsync<T>(T hostEvent, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken) where T : HostEvent;
}
