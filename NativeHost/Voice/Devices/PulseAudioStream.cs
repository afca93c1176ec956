using SecureLink.Voice.Codec;

namespace SecureLink.Voice.Devices;

/// <summary>
/// One pa_simple connection (playback or record) in the voice format, S16LE 48 kHz mono, with
/// 20 ms fragments so capture hands out whole frames with little added latency.
/// </summary>
internal sealed class PulseAudioStream : IDisposable
{
    private IntPtr _handle;

    private PulseAudioStream(IntPtr handle) => _handle = handle;

    /// <summary>
    /// Connects; <paramref name="server"/> null means the default (PULSE_SERVER or the user's daemon).
    /// <paramref name="playbackMs"/> is the playback queue (tlength) in milliseconds: with
    /// pa_simple's adjust-latency flag it is the whole output latency, the device's share included.
    /// </summary>
    internal static PulseAudioStream Open(string? server, string? device, bool record, string streamName, int playbackMs = 40)
    {
        var spec = new PulseAudioNative.SampleSpec { Format = PulseAudioNative.SampleS16Le, Rate = VoiceFormat.SampleRate, Channels = VoiceFormat.Channels };
        const uint def = uint.MaxValue; // "(uint32_t)-1": let the server choose
        var attr = record
            ? new PulseAudioNative.BufferAttr { MaxLength = def, TLength = def, PreBuf = def, MinReq = def, FragSize = VoiceFormat.FrameBytes }
            : new PulseAudioNative.BufferAttr { MaxLength = def, TLength = (uint)(VoiceFormat.FrameBytes * playbackMs / VoiceFormat.FrameMilliseconds) & ~1u, PreBuf = def, MinReq = def, FragSize = def };
        IntPtr handle;
        int error;
        try
        {
            handle = PulseAudioNative.New(server, "SecureLink", record ? PulseAudioNative.StreamRecord : PulseAudioNative.StreamPlayback,
                device, streamName, ref spec, IntPtr.Zero, ref attr, out error);
        }
        catch (DllNotFoundException ex)
        {
            throw new PulseAudioException("PulseAudio client library libpulse-simple.so.0 is not installed", ex);
        }
        if (handle == IntPtr.Zero)
        {
            var where = server ?? Environment.GetEnvironmentVariable("PULSE_SERVER") ?? "the default server";
            var what = record ? "record from" : "play to";
            throw new PulseAudioException(
                $"PulseAudio: cannot {what} {device ?? "the default device"} on {where}: {PulseAudioNative.Describe(error)}");
        }
        return new PulseAudioStream(handle);
    }

    /// <summary>Blocks until <paramref name="buffer"/> is full of captured audio.</summary>
    internal void Read(byte[] buffer)
    {
        if (PulseAudioNative.Read(Handle, buffer, (UIntPtr)buffer.Length, out var error) < 0)
            throw new PulseAudioException($"PulseAudio read failed: {PulseAudioNative.Describe(error)}");
    }

    /// <summary>Blocks until the server has room, which paces playback at real time.</summary>
    internal void Write(byte[] buffer, int count)
    {
        if (count == 0) return;
        var data = count == buffer.Length ? buffer : buffer[..count];
        if (PulseAudioNative.Write(Handle, data, (UIntPtr)count, out var error) < 0)
            throw new PulseAudioException($"PulseAudio write failed: {PulseAudioNative.Describe(error)}");
    }

    /// <summary>
    /// Time until a sample written now would be heard (the queued audio plus the device's own
    /// latency), or null when the server cannot say.
    /// </summary>
    internal TimeSpan? Latency()
    {
        var us = PulseAudioNative.GetLatency(Handle, out _);
        return us == ulong.MaxValue ? null : TimeSpan.FromTicks((long)Math.Min(us, (ulong)TimeSpan.MaxValue.Ticks / 10) * 10);
    }

    /// <summary>Waits until everything written has been played.</summary>
    internal void Drain()
    {
        if (PulseAudioNative.Drain(Handle, out var error) < 0)
            throw new PulseAudioException($"PulseAudio drain failed: {PulseAudioNative.Describe(error)}");
    }

    private IntPtr Handle => _handle != IntPtr.Zero ? _handle : throw new ObjectDisposedException(nameof(PulseAudioStream));

    public void Dispose()
    {
        var h = _handle;
        _handle = IntPtr.Zero;
        if (h != IntPtr.Zero) PulseAudioNative.Free(h);
    }
}
