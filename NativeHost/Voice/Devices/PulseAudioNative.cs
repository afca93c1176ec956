using System.Runtime.InteropServices;

namespace SecureLink.Voice.Devices;

/// <summary>P/Invoke of the PulseAudio "simple" API (libpulse-simple.so.0) and pa_strerror (libpulse.so.0).</summary>
internal static class PulseAudioNative
{
    private const string Simple = "libpulse-simple.so.0";
    private const string Pulse = "libpulse.so.0";

    internal const int SampleS16Le = 3;        // PA_SAMPLE_S16LE
    internal const int StreamPlayback = 1;     // PA_STREAM_PLAYBACK
    internal const int StreamRecord = 2;       // PA_STREAM_RECORD

    [StructLayout(LayoutKind.Sequential)]
    internal struct SampleSpec
    {
        public int Format;
        public uint Rate;
        public byte Channels;
    }

    [StructLayout(LayoutKind.Sequential)]
    internal struct BufferAttr
    {
        public uint MaxLength;
        public uint TLength;
        public uint PreBuf;
        public uint MinReq;
        public uint FragSize;
    }

    [DllImport(Simple, EntryPoint = "pa_simple_new")]
    internal static extern IntPtr New(
        [MarshalAs(UnmanagedType.LPUTF8Str)] string? server,
        [MarshalAs(UnmanagedType.LPUTF8Str)] string name,
        int direction,
        [MarshalAs(UnmanagedType.LPUTF8Str)] string? device,
        [MarshalAs(UnmanagedType.LPUTF8Str)] string streamName,
        ref SampleSpec spec,
        IntPtr channelMap,
        ref BufferAttr attr,
        out int error);

    [DllImport(Simple, EntryPoint = "pa_simple_read")]
    internal static extern int Read(IntPtr s, byte[] data, UIntPtr bytes, out int error);

    [DllImport(Simple, EntryPoint = "pa_simple_write")]
    internal static extern int Write(IntPtr s, byte[] data, UIntPtr bytes, out int error);

    [DllImport(Simple, EntryPoint = "pa_simple_drain")]
    internal static extern int Drain(IntPtr s, out int error);

    /// <summary>pa_usec_t (microseconds) until a sample written now is played; (pa_usec_t)-1 on error.</summary>
    [DllImport(Simple, EntryPoint = "pa_simple_get_latency")]
    internal static extern ulong GetLatency(IntPtr s, out int error);

    [DllImport(Simple, EntryPoint = "pa_simple_free")]
    internal static extern void Free(IntPtr s);

    [DllImport(Pulse, EntryPoint = "pa_strerror")]
    private static extern IntPtr StrError(int error);

    internal static string Describe(int error)
    {
        try { return Marshal.PtrToStringUTF8(StrError(error)) ?? $"error {error}"; }
        catch (DllNotFoundException) { return $"error {error}"; }
    }
}
