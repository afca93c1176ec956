using System.Collections.Concurrent;
using System.Net;

namespace SecureLink.WebRtc.Stun;

/// <summary>
/// Asks a STUN server "what address do you see me at?" (a Binding request, RFC 8489 §3)
/// with RFC retransmission. It owns no socket: the owner sends through <c>send</c> and feeds
/// every STUN response it receives to <see cref="TryHandleResponse"/>, so the same UDP port
/// serves ICE checks and server-reflexive gathering.
/// </summary>
public sealed class StunBindingClient
{
    private readonly Func<byte[], IPEndPoint, ValueTask> _send;
    private readonly StunRetransmission _retransmission;
    private readonly ConcurrentDictionary<string, Pending> _pending = new();

    public StunBindingClient(Func<byte[], IPEndPoint, ValueTask> send, StunRetransmission? retransmission = null)
    {
        _send = send;
        _retransmission = retransmission ?? StunRetransmission.Rfc8489;
    }

    /// <summary>How many requests (first sends and retransmissions) went out; for tests and logs.</summary>
    public int RequestsSent => Volatile.Read(ref _requestsSent);
    private int _requestsSent;

    /// <summary>Sends a Binding request to <paramref name="server"/> and returns the reflexive address it reports.
    /// Throws <see cref="StunTimeoutException"/> after the last retransmission, or on an error response.</summary>
    public async Task<IPEndPoint> QueryAsync(IPEndPoint server, CancellationToken cancellationToken)
    {
        var request = new StunMessage(StunMessageClass.Request, StunMethod.Binding);
        var bytes = request.Encode(fingerprint: true);
        var key = Convert.ToHexString(request.TransactionId);
        var pending = new Pending(server);
        _pending[key] = pending;
        try
        {
            for (var i = 0; i < _retransmission.MaxRequests; i++)
            {
                Interlocked.Increment(ref _requestsSent);
                await _send(bytes, server).ConfigureAwait(false);
                var wait = Task.Delay(_retransmission.WaitAfter(i), cancellationToken);
                if (await Task.WhenAny(pending.Result.Task, wait).ConfigureAwait(false) == pending.Result.Task)
                    return await pending.Result.Task.ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
            }
            throw new StunTimeoutException($"The STUN server {server} did not answer ({_retransmission.MaxRequests} requests sent).");
        }
        finally
        {
            _pending.TryRemove(key, out _);
        }
    }

    /// <summary>Completes the matching query; false when <paramref name="message"/> is not an answer to one of ours.</summary>
    public bool TryHandleResponse(StunMessage message, IPEndPoint from)
    {
        if (message.Class is not (StunMessageClass.SuccessResponse or StunMessageClass.ErrorResponse) || message.Method != StunMethod.Binding)
            return false;
        if (!_pending.TryGetValue(Convert.ToHexString(message.TransactionId), out var pending)) return false;
        if (!SameEndPoint(pending.Server, from)) return false;
        if (message.Class == StunMessageClass.ErrorResponse)
        {
            var error = message.Get<ErrorCodeAttribute>();
            pending.Result.TrySetException(new StunTimeoutException(
                $"The STUN server {from} refused the request ({error?.Code.ToString() ?? "no error code"})."));
            return true;
        }
        var mapped = message.Get<XorMappedAddressAttribute>()?.EndPoint ?? message.Get<MappedAddressAttribute>()?.EndPoint;
        if (mapped is null) return true; // an answer without an address is useless; keep waiting for a retransmitted one
        pending.Result.TrySetResult(mapped);
        return true;
    }

    private static bool SameEndPoint(IPEndPoint a, IPEndPoint b) =>
        a.Port == b.Port && Normalize(a.Address).Equals(Normalize(b.Address));

    private static IPAddress Normalize(IPAddress a) => a.IsIPv4MappedToIPv6 ? a.MapToIPv4() : a;

    private sealed record Pending(IPEndPoint Server)
    {
        public TaskCompletionSource<IPEndPoint> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
