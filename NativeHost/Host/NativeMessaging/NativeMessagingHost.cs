using SecureLink.Host.Dispatch;
using SecureLink.Host.Framing;
using SecureLink.Host.Protocol;
using SecureLink.Host.Session;
using SecureLink.WebRtc.Transport;

namespace SecureLink.Host.NativeMessaging;

/// <summary>
/// The native messaging session: reads request frames from the browser one at a time, answers
/// each through the dispatcher, and when stdin ends (or the token is cancelled, e.g. SIGTERM)
/// wipes the session and returns exit code 0. Bad input is answered, never thrown.
/// </summary>
public sealed class NativeMessagingHost
{
    /// <summary>How long queued frames may take to drain at exit before we give up on stdout.</summary>
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(1);

    private readonly Stream _input;
    private readonly Stream _output;
    private readonly RequestDispatcher _dispatcher;
    private readonly OutputQueue _queue;
    private readonly WipeRegistry _wipe;
    private readonly ILog _log;

    public NativeMessagingHost(Stream input, Stream output, RequestDispatcher dispatcher, OutputQueue queue, WipeRegistry wipe, ILog log)
    {
        _input = input;
        _output = output;
        _dispatcher = dispatcher;
        _queue = queue;
        _wipe = wipe;
        _log = log;
    }

    /// <summary>Runs until stdin ends or <paramref name="cancellationToken"/> fires; always returns 0.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var writerLoop = _queue.RunAsync(new FrameWriter(_output), CancellationToken.None);
        // Its own thread: with blocking pipe reads (BlockingPipeStream) the whole first request is
        // read, handled and queued here without a single thread-pool hop.
        var readLoop = Task.Factory.StartNew(() => ReadLoopAsync(cancellationToken), CancellationToken.None,
            TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();

        // A blocking pipe read does not observe cancellation, so on SIGTERM we stop waiting for it
        // instead; the process exits with the read still parked.
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (cancellationToken.Register(() => stopped.TrySetResult()))
        {
            var first = await Task.WhenAny(readLoop, stopped.Task).ConfigureAwait(false);
            if (first == readLoop && readLoop.IsFaulted && _log.IsEnabled(LogLevel.Error))
                _log.Write(LogLevel.Error, "host", $"read loop failed: {readLoop.Exception!.InnerException?.GetType().Name}");
        }

        _wipe.WipeAll();
        if (_log.IsEnabled(LogLevel.Info))
            _log.Write(LogLevel.Info, "host", cancellationToken.IsCancellationRequested ? "stopping on signal; session wiped" : "stdin closed; session wiped");

        _queue.Complete();
        try
        {
            await writerLoop.WaitAsync(DrainTimeout, CancellationToken.None).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            if (_log.IsEnabled(LogLevel.Error)) _log.Write(LogLevel.Error, "host", "stdout did not drain in time; exiting anyway");
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            if (_log.IsEnabled(LogLevel.Error)) _log.Write(LogLevel.Error, "host", $"output loop failed: {e.GetType().Name}");
        }
        return 0;
    }

    private async Task ReadLoopAsync(CancellationToken cancellationToken)
    {
        using var reader = new FrameReader(_input);
        while (!cancellationToken.IsCancellationRequested)
        {
            FrameReadResult frame;
            try
            {
                frame = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException)
            {
                if (_log.IsEnabled(LogLevel.Info)) _log.Write(LogLevel.Info, "framing", $"stdin failed ({e.GetType().Name})");
                return;
            }

            switch (frame.Kind)
            {
                case FrameReadKind.End:
                    return;
                case FrameReadKind.Truncated:
                    if (_log.IsEnabled(LogLevel.Info)) _log.Write(LogLevel.Info, "framing", "stdin ended inside a frame");
                    return;
                case FrameReadKind.TooLarge:
                    if (_log.IsEnabled(LogLevel.Info))
                        _log.Write(LogLevel.Info, "framing", $"frame of {frame.DeclaredLength} bytes is over the limit; skipping it");
                    await _queue.SendResponseAsync(null, Errors.Reply(null, ErrorCodes.FrameTooLarge,
                        $"The frame of {frame.DeclaredLength} bytes exceeds the limit of {FrameLimits.MaxFrameBytes} bytes."), cancellationToken).ConfigureAwait(false);
                    break;
                case FrameReadKind.Frame:
                    try
                    {
                        await HandleFrameAsync(frame.Payload, cancellationToken).ConfigureAwait(false);
                    }
                    catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                    {
                        // Last line of defence: a frame must never take the session down with it.
                        if (_log.IsEnabled(LogLevel.Error))
                            _log.Write(LogLevel.Error, "host", $"frame of {frame.Payload.Length} bytes failed: {e.GetType().Name}");
                        await _queue.SendResponseAsync(null, Errors.Reply(null, ErrorCodes.HostError, "The host failed to handle this frame."), cancellationToken).ConfigureAwait(false);
                    }
                    break;
            }
        }
    }

    private async ValueTask HandleFrameAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        using var outcome = RequestParser.Parse(payload);
        Reply reply;
        if (outcome.Request is { } request)
        {
            reply = await _dispatcher.DispatchAsync(request, cancellationToken).ConfigureAwait(false);
            if (_log.IsEnabled(LogLevel.Debug))
            {
                // An unknown type string is the client's text, so it is not logged.
                var type = _dispatcher.IsKnown(request.Type) ? request.Type : "(unknown type)";
                _log.Write(LogLevel.Debug, "request", $"{type} id {request.Id}, {payload.Length} bytes -> {Outcome(reply)}");
            }
        }
        else
        {
            reply = Errors.Reply(outcome.Id, outcome.Error!);
            if (_log.IsEnabled(LogLevel.Debug))
                _log.Write(LogLevel.Debug, "request", $"rejected frame of {payload.Length} bytes: {outcome.Error!.Code}");
        }
        await _queue.SendResponseAsync(outcome.Id, reply, cancellationToken).ConfigureAwait(false);
    }

    private static string Outcome(Reply reply) => reply.Value is ErrorResponse e ? e.Error.Code : "ok";
}
