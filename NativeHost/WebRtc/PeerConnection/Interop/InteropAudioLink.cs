using SecureLink.WebRtc.Media;

namespace SecureLink.WebRtc.Interop;

/// <summary>
/// Hands the connection's audio channel to the <see cref="IInteropAudio"/> hook as soon as SRTP
/// is up, and on dispose stops the hook and waits for it, so a recording is complete before the
/// process exits. Dispose it before the connection: the hook must stop sending first.
/// </summary>
internal sealed class InteropAudioLink : IAsyncDisposable
{
    private readonly RtcPeerConnection _pc;
    private readonly IInteropAudio _hook;
    private readonly string? _audioIn, _audioOut;
    private readonly TextWriter _stderr;
    private readonly CancellationTokenSource _stop;
    private readonly Lock _gate = new();
    private Task? _running;
    private bool _disposed;

    public InteropAudioLink(RtcPeerConnection pc, IInteropAudio hook, string? audioIn, string? audioOut, TextWriter stderr, CancellationToken ct)
    {
        _pc = pc;
        _hook = hook;
        _audioIn = audioIn;
        _audioOut = audioOut;
        _stderr = stderr;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        pc.AudioChannelOpened += Start;
        pc.ConnectionStateChanged += OnState;
    }

    /// <summary>Why the hook failed, if it did (a sentence).</summary>
    public string? Failure { get; private set; }

    private void Start(IRtpAudioChannel channel)
    {
        lock (_gate)
        {
            if (_running is not null || _stop.IsCancellationRequested) return;
            _running = Task.Run(() => _hook.RunAsync(channel, _audioIn, _audioOut, _stop.Token));
        }
    }

    private void OnState(PeerConnectionState from, PeerConnectionState to)
    {
        if (to == PeerConnectionState.Connected && !_pc.AudioNegotiated)
            _stderr.WriteLine("interop: the peer did not accept audio; only the data channel runs.");
    }

    public async ValueTask DisposeAsync()
    {
        _pc.AudioChannelOpened -= Start;
        _pc.ConnectionStateChanged -= OnState;
        Task? running;
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            _stop.Cancel();
            running = _running;
        }
        if (running is not null)
        {
            try
            {
                await running.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
            catch (Exception e)
            {
                Failure = $"audio failed: {e.Message}";
                await _stderr.WriteLineAsync($"interop: {Failure}").ConfigureAwait(false);
            }
        }
        _stop.Dispose();
    }
}
