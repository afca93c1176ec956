using NAudio.Wave;
using SecureLink.Rooms.Call;
using SecureLink.Voice.Devices;

namespace SecureLink.Rooms.Tests.Call;

/// <summary>Real silent devices, counted: how many microphones a room opened for its calls and how many it closed again.</summary>
internal sealed class CountingDevices : ICallDevices
{
    private int _opened, _closed;

    public int Opened => Volatile.Read(ref _opened);
    public int Closed => Volatile.Read(ref _closed);

    public IWaveIn OpenCapture()
    {
        Interlocked.Increment(ref _opened);
        return new CountedCapture(new NullCapture(), () => Interlocked.Increment(ref _closed));
    }

    public IWavePlayer OpenPlayback() => new NullPlayback();

    private sealed class CountedCapture(IWaveIn inner, Action closed) : IWaveIn
    {
        private int _disposed;

        public WaveFormat WaveFormat { get => inner.WaveFormat; set => inner.WaveFormat = value; }

        public event EventHandler<WaveInEventArgs>? DataAvailable
        {
            add => inner.DataAvailable += value;
            remove => inner.DataAvailable -= value;
        }

        public event EventHandler<StoppedEventArgs>? RecordingStopped
        {
            add => inner.RecordingStopped += value;
            remove => inner.RecordingStopped -= value;
        }

        public void StartRecording() => inner.StartRecording();

        public void StopRecording() => inner.StopRecording();

        public void Dispose()
        {
            inner.Dispose();
            if (Interlocked.Exchange(ref _disposed, 1) == 0) closed();
        }
    }
}
