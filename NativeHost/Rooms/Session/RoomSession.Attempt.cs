using SecureLink.Rooms.Call;
using SecureLink.Rooms.Chat;
using SecureLink.Rooms.Pake;
using SecureLink.WebRtc;
using SecureLink.WebRtc.DataChannels;

namespace SecureLink.Rooms.Session;

/// <summary>
/// One connection attempt: connect → open the PIN and chat channels (the creator opens both) →
/// PIN check → verified, then watch the connection for the peer leaving or vanishing.
/// </summary>
public sealed partial class RoomSession
{
    private static readonly TimeSpan ChannelWait = TimeSpan.FromSeconds(15);

    private sealed class Attempt : IAsyncDisposable
    {
        private readonly RoomSession _room;
        private readonly CancellationTokenSource _cts = new();
        private readonly TaskCompletionSource<DataChannel> _pinOpened = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource<DataChannel> _chatOpened = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private Task? _run;
        private Task? _disposing;

        public Attempt(RoomSession room, RtcPeerConnection pc)
        {
            _room = room;
            Pc = pc;
            Pc.ConnectionStateChanged += OnConnectionState;
            Pc.DataChannelOpened += OnRemoteChannel;
        }

        public RtcPeerConnection Pc { get; }
        public PinChannel? Pin { get; private set; }
        public ChatGate? Chat { get; private set; }
        public bool RemoteHadServerReflexive { get; init; }
        public bool Verified { get; private set; }
        public bool Disposed => _disposing is not null;

        public void Start() => _run = Task.Run(RunAsync);

        private void OnRemoteChannel(DataChannel channel)
        {
            // Subscribed at once (inside the event) so the peer's first PIN message is ours to read.
            if (channel.Label == PinChannel.Label && Pin is null)
            {
                Pin = new PinChannel(channel);
                _pinOpened.TrySetResult(channel);
            }
            else if (channel.Label == ChatGate.Label)
            {
                _chatOpened.TrySetResult(channel);
            }
        }

        private async Task RunAsync()
        {
            var ct = _cts.Token;
            try
            {
                await Pc.WaitConnectedAsync(ct).ConfigureAwait(false);
                DataChannel chat;
                if (_room.Role == RoomRole.Creator)
                {
                    Pin = new PinChannel(await Pc.CreateDataChannelAsync(PinChannel.Label, null, ct).ConfigureAwait(false));
                    chat = await Pc.CreateDataChannelAsync(ChatGate.Label, null, ct).ConfigureAwait(false);
                }
                else
                {
                    await _pinOpened.Task.WaitAsync(ChannelWait, ct).ConfigureAwait(false);
                    chat = await _chatOpened.Task.WaitAsync(ChannelWait, ct).ConfigureAwait(false);
                }
                Chat = new ChatGate(chat);
                _room.TrySetState(RoomState.Authenticating, when: from => from is RoomState.Connecting or RoomState.WaitingCreator);
                var binding = _room.Role == RoomRole.Creator
                    ? new PakeBinding(FingerprintBytes(Pc.LocalFingerprint), FingerprintBytes(Pc.RemoteFingerprint!))
                    : new PakeBinding(FingerprintBytes(Pc.RemoteFingerprint!), FingerprintBytes(Pc.LocalFingerprint));
                char[] pin;
                lock (_room._gate) pin = [.. _room._pin];
                PakeResult result;
                try
                {
                    result = await PinAuthenticator.RunAsync(_room.Role == RoomRole.Creator ? PakeRole.Creator : PakeRole.Joiner,
                        pin, binding, Pin!, _room._options.PakeTimeout, ct).ConfigureAwait(false);
                }
                finally
                {
                    Array.Clear(pin);
                }
                _room.OnVerified(this, result);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                // Disposed: whoever disposed us set the state.
            }
            catch (PakeException e)
            {
                _room.Info($"PIN check failed: {e.Failure}");
                await DisposeAsync().ConfigureAwait(false);
                _room.OnPakeFailed(e.Failure);
            }
            catch (Exception e)
            {
                var code = Classify(e);
                _room.Info($"connection failed before verification: {code}");
                await DisposeAsync().ConfigureAwait(false);
                _room.TrySetState(RoomState.Failed, code, from => from != RoomState.Verified);
            }
        }

        public void MarkVerified() => Verified = true;

        private string Classify(Exception e)
        {
            var reason = Pc.FailureReason ?? e.Message;
            if (reason.Contains("fingerprint", StringComparison.OrdinalIgnoreCase)
                || reason.Contains("certificate", StringComparison.OrdinalIgnoreCase)
                || reason.Contains("alert", StringComparison.OrdinalIgnoreCase))
                return RoomReasons.FingerprintMismatch;
            if (Pc.SelectedRemoteEndPoint is null)
            {
                if (_room.Role == RoomRole.Joiner && _room._time.GetUtcNow() >= _room.ExpiresAt) return RoomReasons.InviteExpired;
                return Pc.HadServerReflexiveCandidates && RemoteHadServerReflexive ? RoomReasons.NoDirectPath : RoomReasons.IceFailed;
            }
            return e is TimeoutException ? RoomReasons.PeerUnreachable : RoomReasons.HostError;
        }

        private void OnConnectionState(PeerConnectionState from, PeerConnectionState to)
        {
            // Raised under the connection's lock: decide, then leave the work to another thread.
            if (!Verified || Disposed) return;
            if (to == PeerConnectionState.Closed)
                _room.OnPeerGone(this, Pc.ClosedByPeer ? RoomReasons.PeerLeft : RoomReasons.PeerUnreachable);
            else if (to == PeerConnectionState.Failed)
                _room.OnPeerGone(this, RoomReasons.PeerUnreachable);
        }

        public ValueTask DisposeAsync()
        {
            lock (_cts)
            {
                _disposing ??= DisposeCoreAsync();
            }
            return new ValueTask(_disposing);
        }

        private async Task DisposeCoreAsync()
        {
            await Task.Yield();
            await _cts.CancelAsync().ConfigureAwait(false);
            Pin?.Dispose();
            Chat?.Dispose();
            Pc.DataChannelOpened -= OnRemoteChannel;
            await _room.DisposeQuietly(Pc).ConfigureAwait(false);
            Pc.ConnectionStateChanged -= OnConnectionState;
            if (_run is not null && !_run.IsCompleted && Task.CurrentId != _run.Id)
                await Task.WhenAny(_run, Task.Delay(TimeSpan.FromSeconds(2))).ConfigureAwait(false);
        }
    }

    private void OnVerified(Attempt attempt, PakeResult result)
    {
        ChatSession chat;
        lock (_gate)
        {
            if (_state.IsFinal() || attempt.Disposed || _attempt != attempt)
            {
                result.Dispose();
                return;
            }
            _pake = result;
            _safetyCode = result.SafetyCode;
            Array.Clear(_pin); // no later attempt needs it
            chat = new ChatSession(attempt.Chat!, _time, _history, _log);
            chat.MessageAdded += m => Raise(new RoomMessageAdded(m));
            chat.ReceiptReceived += id => Raise(new RoomReceipt(id));
            chat.PeerTypingChanged += t => Raise(new RoomPeerTyping(t));
            ListenForCalls(chat);
            _chat = chat;
        }
        _expiry?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        attempt.Pin!.PeerLeaving += () => OnPeerGone(attempt, RoomReasons.PeerLeft);
        attempt.MarkVerified();
        // Verified is queued before the gate opens, so no view sees a message before it.
        TrySetState(RoomState.Verified, when: from => from == RoomState.Authenticating);
        attempt.Chat!.Open();
    }

    private void OnPakeFailed(PakeFailure failure)
    {
        if (Role == RoomRole.Creator)
        {
            CreatorAttemptFailed(failure);
            return;
        }
        TrySetState(RoomState.Failed, failure == PakeFailure.WrongPin ? RoomReasons.WrongPin : RoomReasons.HostError);
    }

    /// <summary>The verified peer left or vanished: the room ends, our view (history) stays until we leave.</summary>
    private void OnPeerGone(Attempt attempt, string reasonCode)
    {
        var final = reasonCode == RoomReasons.PeerLeft ? RoomState.Closed : RoomState.Failed;
        if (!TrySetState(final, reasonCode, from => from == RoomState.Verified)) return;
        _callMachine?.OnRoomGone(reasonCode == RoomReasons.PeerLeft ? CallReasons.PeerLeft : CallReasons.PeerUnreachable);
        _ = Task.Run(async () => await attempt.DisposeAsync().ConfigureAwait(false));
    }
}
