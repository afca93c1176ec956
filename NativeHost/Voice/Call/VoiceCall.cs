using System.Buffers;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Threading.Channels;
using NAudio.Wave;
using SecureLink.Voice.Codec;
using SecureLink.Voice.Devices;
using SecureLink.WebRtc.Media;
using SecureLink.WebRtc.Transport;

namespace SecureLink.Voice.Call;

/// <summary>
/// One running voice call over a negotiated audio channel: microphone → Opus → RTP, and
/// RTP → jitter buffer → Opus (FEC, PLC) → speaker. The call owns the two devices (it starts,
/// stops and disposes them) but not the channel, which lives as long as the peer connection.
///
/// Threads: the capture device's thread only meters and queues frames; a send loop encodes and
/// sends; a receive loop moves packets into the jitter buffer; the playback device's thread pulls
/// and decodes. Nothing of the audio is logged, only state changes and device errors.
/// </summary>
public sealed class VoiceCall : IAsyncDisposable
{
    private const string Category = "voice";
    private const int AdaptEveryFrames = 50; // RTCP reports come about once a second
    private const int QueuedFrames = 25;     // 500 ms absorbs a stall (JIT, GC, a busy machine); beyond that the encoder cannot keep up: drop oldest

    private readonly IRtpAudioChannel _channel;
    private readonly IWaveIn _capture;
    private readonly IWavePlayer _playback;
    private readonly VoiceCallOptions _options;
    private readonly ILog _log;
    private readonly long _epoch = Stopwatch.GetTimestamp();
    private readonly CallSender _sender;
    private readonly CallReceiver _receiver;
    private readonly MicLevelMeter _meter = new();
    private readonly Channel<CapturedFrame> _frames;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _lifecycle = new();
    private readonly byte[] _captureFrame = new byte[VoiceFormat.FrameBytes];
    private int _captureFill;
    private long _captureIndex;
    private long _packetsSent;
    private readonly Lock _sendDelayGate = new();
    private double _sendDelaySumMs;
    private long _sendDelayCount;
    private volatile bool _muted;
    private bool _started, _disposed;
    private Task _sendLoop = Task.CompletedTask, _receiveLoop = Task.CompletedTask;

    /// <summary>Creates a call; nothing runs until <see cref="Start"/>.</summary>
    public VoiceCall(IRtpAudioChannel channel, IWaveIn capture, IWavePlayer playback, VoiceCallOptions? options = null)
    {
        _channel = channel ?? throw new ArgumentNullException(nameof(channel));
        _capture = capture ?? throw new ArgumentNullException(nameof(capture));
        _playback = playback ?? throw new ArgumentNullException(nameof(playback));
        _options = options ?? new VoiceCallOptions();
        _log = _options.Log;
        _sender = new CallSender(_options.InbandFec, BitConverter.ToUInt32(RandomNumberGenerator.GetBytes(4))); // RFC 3550 §5.1: random start
        _receiver = new CallReceiver(_options.Jitter, Now);
        _frames = Channel.CreateBounded<CapturedFrame>(
            new BoundedChannelOptions(QueuedFrames) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true, SingleWriter = true },
            ReturnFrame);
    }

    /// <summary>
    /// A device stopped with an error (the sentence says which and why). The call goes on with
    /// that side silent. May be raised on a device thread, or inside <see cref="Start"/>.
    /// </summary>
    public event Action<string>? DeviceFailed;

    /// <summary>While muted no audio RTP is sent (RTCP goes on) and <see cref="VoiceCallStatistics.MicLevel"/> reads 0.</summary>
    public bool Muted
    {
        get => _muted;
        set
        {
            if (_muted == value) return;
            _muted = value;
            if (value) _meter.Reset();
            _log.Write(LogLevel.Debug, Category, value ? "muted" : "unmuted");
        }
    }

    /// <summary>
    /// Starts devices and loops (idempotent). RTP that queued up before the call is discarded: it is
    /// old audio, and playing it would add its age to the delay for good.
    /// </summary>
    public void Start()
    {
        lock (_lifecycle)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_started) return;
            _started = true;
        }
        while (_channel.Received.TryRead(out _)) { }
        _sendLoop = Task.Run(SendLoopAsync);
        _receiveLoop = Task.Run(ReceiveLoopAsync);
        _capture.DataAvailable += OnCaptured;
        _capture.RecordingStopped += OnRecordingStopped;
        _playback.PlaybackStopped += OnPlaybackStopped;
        StartDevice("microphone", () =>
        {
            var f = _capture.WaveFormat;
            if (f.SampleRate != VoiceFormat.SampleRate || f.Channels != 1 || f.BitsPerSample != 16)
                throw new NotSupportedException($"it records {f.SampleRate} Hz, {f.Channels} channel(s), {f.BitsPerSample} bit; calls need 48000 Hz mono 16 bit");
            _capture.StartRecording();
        });
        StartDevice("speaker", () =>
        {
            _playback.Init(_receiver);
            _playback.Play();
        });
        _log.Write(LogLevel.Info, Category, $"call started (fec {(_options.InbandFec ? "on" : "off")}, adapt {(_options.AdaptBitrate ? "on" : "off")})");
    }

    /// <summary>A snapshot of the call's quality and counters.</summary>
    public VoiceCallStatistics GetStatistics()
    {
        var rx = _receiver.Snapshot();
        var ch = _channel.GetStatistics();
        var rtt = ch.RoundTripMs;
        var jitterMs = rx.Jitter.JitterMs;
        var quality = CallQualityEstimate.Rate(rx, rtt, _sender.BitrateBps);
        return new VoiceCallStatistics(
            rtt, rx.LossPercent, jitterMs, quality.Mos, quality.R, _muted ? 0 : _meter.Level,
            Interlocked.Read(ref _packetsSent), rx.Received, rx.FecRecovered, rx.Concealed, rx.Jitter.Late,
            rx.Jitter.CurrentDelayMs, _sender.BitrateBps, ch.RemoteLossPercent)
        {
            ResidualLossPercent = rx.ResidualLossPercent,
            InvalidPayloads = rx.Invalid,
            Playback = _playback is FramePlayback device ? device.QueueStats : default,
            Stages = new LatencyStages(
                _capture is FrameCapture mic ? mic.AverageLatencyMs : 0,
                AverageSendDelayMs(),
                rx.Jitter.AverageWaitMs,
                _playback is FramePlayback speaker ? speaker.QueueStats.AverageQueuedMs : 0),
        };
    }

    private TimeSpan Now() => Stopwatch.GetElapsedTime(_epoch);

    private double AverageSendDelayMs()
    {
        lock (_sendDelayGate) return _sendDelayCount == 0 ? 0 : _sendDelaySumMs / _sendDelayCount;
    }

    private void StartDevice(string what, Action start)
    {
        try
        {
            start();
        }
        catch (Exception ex)
        {
            Fail($"The {what} could not be started: {ex.Message}");
        }
    }

    // Capture thread: cut whatever the device delivers into 20 ms frames, meter them and queue
    // them; encoding happens on the send loop so a slow encode never stalls the device.
    private void OnCaptured(object? sender, WaveInEventArgs e)
    {
        var data = e.Buffer.AsSpan(0, Math.Min(e.BytesRecorded, e.Buffer.Length));
        while (!data.IsEmpty)
        {
            var n = Math.Min(data.Length, _captureFrame.Length - _captureFill);
            data[..n].CopyTo(_captureFrame.AsSpan(_captureFill));
            _captureFill += n;
            data = data[n..];
            if (_captureFill < _captureFrame.Length) break;
            _captureFill = 0;
            OnFrame(MemoryMarshal.Cast<byte, short>(_captureFrame.AsSpan()));
        }
    }

    private void OnFrame(ReadOnlySpan<short> frame)
    {
        var index = _captureIndex++;
        if (_muted || _stop.IsCancellationRequested) return;
        _meter.Add(frame);
        var pcm = ArrayPool<short>.Shared.Rent(VoiceFormat.FrameSamples);
        frame.CopyTo(pcm);
        var captured = new CapturedFrame(pcm, index, Stopwatch.GetTimestamp());
        if (!_frames.Writer.TryWrite(captured)) ReturnFrame(captured);
    }

    private static void ReturnFrame(CapturedFrame frame)
    {
        Array.Clear(frame.Pcm, 0, VoiceFormat.FrameSamples);
        ArrayPool<short>.Shared.Return(frame.Pcm);
    }

    private async Task SendLoopAsync()
    {
        var ct = _stop.Token;
        var reader = _frames.Reader;
        var nextAdapt = 0L;
        var sendFailed = false;
        try
        {
            while (await reader.WaitToReadAsync(ct).ConfigureAwait(false))
            {
                while (reader.TryRead(out var frame))
                {
                    try
                    {
                        if (_options.AdaptBitrate && frame.Index >= nextAdapt)
                        {
                            nextAdapt = frame.Index + AdaptEveryFrames;
                            if (_sender.Adapt(_channel.GetStatistics().RemoteLossPercent))
                                _log.Write(LogLevel.Debug, Category, $"encoder now {_sender.Settings.BitrateBitsPerSecond} b/s, {_sender.Settings.MaxBandwidth}, loss hint {_sender.Settings.ExpectedLossPercent} %");
                        }
                        var n = _sender.Encode(frame.Pcm.AsSpan(0, VoiceFormat.FrameSamples), frame.Index, out var ts, out var marker);
                        if (n > 0 && !sendFailed && !_muted)
                        {
                            await _channel.SendAsync(_sender.Packet(n), ts, marker, ct).ConfigureAwait(false);
                            Interlocked.Increment(ref _packetsSent);
                            var delay = Stopwatch.GetElapsedTime(frame.CapturedAt).TotalMilliseconds;
                            lock (_sendDelayGate)
                            {
                                _sendDelaySumMs += delay;
                                _sendDelayCount++;
                            }
                        }
                    }
                    catch (ObjectDisposedException)
                    {
                        // The connection went away under the call; the call ends with it, the capture
                        // keeps being drained until then.
                        sendFailed = true;
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        _log.Write(LogLevel.Error, Category, $"sending audio failed: {ex.GetType().Name}");
                    }
                    finally
                    {
                        ReturnFrame(frame);
                    }
                }
            }
        }
        catch (OperationCanceledException) { }
    }

    private async Task ReceiveLoopAsync()
    {
        var ct = _stop.Token;
        var reader = _channel.Received;
        try
        {
            while (await reader.WaitToReadAsync(ct).ConfigureAwait(false))
            {
                while (reader.TryRead(out var rtp))
                    _receiver.Insert(rtp, Arrival(rtp.ArrivalTimestamp));
            }
        }
        catch (OperationCanceledException) { }
        catch (Exception ex)
        {
            _log.Write(LogLevel.Error, Category, $"receive loop ended: {ex.GetType().Name}");
        }
    }

    // The channel stamps arrival on its network thread, which is what jitter must be measured
    // from; a stamp from before the call or the future (a test double, a bug) uses now instead.
    private TimeSpan Arrival(long stamp)
    {
        var now = Stopwatch.GetTimestamp();
        return stamp >= _epoch && stamp <= now ? Stopwatch.GetElapsedTime(_epoch, stamp) : Stopwatch.GetElapsedTime(_epoch, now);
    }

    private void OnRecordingStopped(object? sender, StoppedEventArgs e)
    {
        if (e.Exception is { } ex && !Stopping) Fail($"The microphone stopped: {ex.Message}");
    }

    private void OnPlaybackStopped(object? sender, StoppedEventArgs e)
    {
        if (e.Exception is { } ex && !Stopping) Fail($"The speaker stopped: {ex.Message}");
    }

    private bool Stopping
    {
        get { lock (_lifecycle) return _disposed; }
    }

    private void Fail(string sentence)
    {
        _log.Write(LogLevel.Error, Category, sentence);
        try { DeviceFailed?.Invoke(sentence); }
        catch (Exception ex) { _log.Write(LogLevel.Error, Category, $"DeviceFailed handler threw {ex.GetType().Name}"); }
    }

    /// <summary>Stops devices and loops, zeroes the audio buffers and disposes the devices. Never throws.</summary>
    public async ValueTask DisposeAsync()
    {
        lock (_lifecycle)
        {
            if (_disposed) return;
            _disposed = true;
        }
        // Speaker first, while packets still flow, so a recording ends on real audio rather than
        // on the concealment of a receive loop that already stopped.
        Quietly(_playback.Stop);
        Quietly(_capture.StopRecording);
        _stop.Cancel();
        _capture.DataAvailable -= OnCaptured;
        _capture.RecordingStopped -= OnRecordingStopped;
        _playback.PlaybackStopped -= OnPlaybackStopped;
        try { await Task.WhenAll(_sendLoop, _receiveLoop).ConfigureAwait(false); }
        catch (Exception ex) { _log.Write(LogLevel.Error, Category, $"call loop failed: {ex.GetType().Name}"); }
        _frames.Writer.TryComplete();
        while (_frames.Reader.TryRead(out var frame)) ReturnFrame(frame);
        _receiver.Clear();
        _sender.Clear();
        Array.Clear(_captureFrame);
        _meter.Reset();
        Quietly(_capture.Dispose);
        Quietly(_playback.Dispose);
        _stop.Dispose();
        if (_started) _log.Write(LogLevel.Info, Category, "call ended");
    }

    private void Quietly(Action action)
    {
        try { action(); }
        catch (Exception ex) { _log.Write(LogLevel.Error, Category, $"stopping a device failed: {ex.GetType().Name}"); }
    }

    private readonly record struct CapturedFrame(short[] Pcm, long Index, long CapturedAt = 0);
}
