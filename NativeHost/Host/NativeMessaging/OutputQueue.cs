using System.Security.Cryptography;
using System.Text.Json.Serialization.Metadata;
using System.Threading.Channels;
using SecureLink.Host.Dispatch;
using SecureLink.Host.Framing;
using SecureLink.Host.Protocol;
using SecureLink.WebRtc.Transport;

namespace SecureLink.Host.NativeMessaging;

/// <summary>
/// The single writer of stdout. Producers (the request loop, event sources on any thread)
/// serialize their frame and queue it; <see cref="RunAsync"/> writes frames one by one. A frame
/// above 1 MiB is never sent: a response becomes a <c>response_too_large</c> error, an event is
/// dropped and logged.
/// </summary>
public sealed class OutputQueue : IEventSink
{
    private const int Capacity = 256;
    private readonly Channel<byte[]> _frames = Channel.CreateBounded<byte[]>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, SingleWriter = false, FullMode = BoundedChannelFullMode.Wait });
    private readonly ILog _log;

    public OutputQueue(ILog log) => _log = log;

    /// <summary>Frames dropped because they were too large or could not be written.</summary>
    public int DroppedFrames => Volatile.Read(ref _dropped);
    private int _dropped;

    /// <summary>Queues the answer to the request with <paramref name="id"/>.</summary>
    public ValueTask SendResponseAsync(long? id, Reply reply, CancellationToken cancellationToken)
    {
        var json = HostJson.Serialize(reply.Value, reply.TypeInfo);
        if (json.Length > FrameLimits.MaxFrameBytes)
        {
            CryptographicOperations.ZeroMemory(json);
            if (_log.IsEnabled(LogLevel.Error))
                _log.Write(LogLevel.Error, "output", $"response to id {Describe(id)} was {json.Length} bytes, over the frame limit; sent an error instead");
            json = HostJson.Serialize(
                new ErrorResponse(id, new ErrorBody(ErrorCodes.ResponseTooLarge, "The answer would exceed the 1 MiB frame limit.")),
                HostJson.Context.ErrorResponse);
        }
        return QueueAsync(json, cancellationToken);
    }

    public ValueTask EmitAsync<T>(T hostEvent, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken) where T : HostEvent
    {
        var json = HostJson.Serialize(hostEvent, typeInfo);
        if (json.Length > FrameLimits.MaxFrameBytes)
        {
            CryptographicOperations.ZeroMemory(json);
            Interlocked.Increment(ref _dropped);
            if (_log.IsEnabled(LogLevel.Error))
                _log.Write(LogLevel.Error, "output", $"event '{hostEvent.Event}' was {json.Length} bytes, over the frame limit; dropped");
            return ValueTask.CompletedTask;
        }
        return QueueAsync(json, cancellationToken);
    }

    // Network threads may still raise events, and a request may still finish, while the host shuts
    // down; after Complete their frames are dropped rather than thrown at them.
    private async ValueTask QueueAsync(byte[] json, CancellationToken cancellationToken)
    {
        try
        {
            await _frames.Writer.WriteAsync(json, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            CryptographicOperations.ZeroMemory(json);
            Interlocked.Increment(ref _dropped);
        }
    }

    /// <summary>No more frames will be queued; <see cref="RunAsync"/> ends once the queue is written.</summary>
    public void Complete() => _frames.Writer.TryComplete();

    /// <summary>
    /// Writes queued frames until <see cref="Complete"/> and the queue is empty. If the output breaks,
    /// it keeps draining (and dropping) so producers never block on a dead pipe.
    /// </summary>
    public async Task RunAsync(FrameWriter writer, CancellationToken cancellationToken)
    {
        var broken = false;
        await foreach (var frame in _frames.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            try
            {
                if (broken)
                {
                    Interlocked.Increment(ref _dropped);
                    continue;
                }
                await writer.WriteAsync(frame, cancellationToken).ConfigureAwait(false);
                if (_log.IsEnabled(LogLevel.Trace))
                    _log.Write(LogLevel.Trace, "output", $"wrote frame of {frame.Length} bytes");
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or NotSupportedException)
            {
                broken = true;
                Interlocked.Increment(ref _dropped);
                if (_log.IsEnabled(LogLevel.Error))
                    _log.Write(LogLevel.Error, "output", $"stdout failed ({e.GetType().Name}); later frames are dropped");
            }
            finally
            {
                CryptographicOperations.ZeroMemory(frame);
            }
        }
    }

    private static string Describe(long? id) => id?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null";
}
