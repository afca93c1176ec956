using NAudio.Wave;
using SecureLink.Voice.Call;
using SecureLink.Voice.Devices;
using SecureLink.WebRtc.Interop;
using SecureLink.WebRtc.Media;

namespace SecureLink.Voice.Interop;

/// <summary>
/// Audio for <c>securelink-host interop --audio-in IN.wav --audio-out OUT.wav</c>: a
/// <see cref="VoiceCall"/> whose microphone is IN.wav looping in real time (silence without it) and
/// whose speaker records to OUT.wav (nothing without it). The recording covers the whole session,
/// silence included, and is complete when <see cref="RunAsync"/> returns.
/// </summary>
public sealed class InteropAudio : IInteropAudio
{
    /// <inheritdoc />
    public async Task RunAsync(IRtpAudioChannel channel, string? audioIn, string? audioOut, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(channel);
        // Check the input now, so a bad file is a clear error at once rather than a silent call.
        if (audioIn is not null)
        {
            if (!File.Exists(audioIn)) throw new FileNotFoundException($"--audio-in {audioIn} does not exist", audioIn);
            using var probe = new LoopingWavSource(audioIn);
        }
        IWaveIn capture = audioIn is null ? new NullCapture() : new WavFileCapture(audioIn);
        IWavePlayer playback = audioOut is null ? new NullPlayback() : new WavFileRecorder(audioOut);
        string? failure = null;
        var call = new VoiceCall(channel, capture, playback);
        call.DeviceFailed += s => Interlocked.CompareExchange(ref failure, s, null);
        try
        {
            call.Start();
            await Task.Delay(Timeout.Infinite, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        finally
        {
            await call.DisposeAsync().ConfigureAwait(false); // stops the recorder, which finishes the file
        }
        if (failure is not null) throw new IOException(failure);
    }
}
