using System.Runtime.InteropServices;
using SecureLink.Voice.Call;
using SecureLink.Voice.Codec;
using SecureLink.Voice.Devices;
using SecureLink.WebRtc.Media;

namespace SecureLink.Voice.Tests.Call;

[Collection(RealTime.Name)]
public sealed class VoiceCallLifecycleTests
{
    private static readonly Impairment Clean = new() { DelayMs = 5 };

    /// <summary>A microphone that delivers a few frames, then dies the way a pulled USB headset does.</summary>
    private sealed class DyingCapture(int frames) : FrameCapture
    {
        private int _left = frames;
        protected override void Open() { }
        protected override bool ReadFrame(byte[] frame, WaitHandle stop)
        {
            if (_left-- <= 0) throw new IOException("device unplugged");
            Thread.Sleep(20);
            return true;
        }
        protected override void Close() { }
    }

    [Fact]
    public async Task A_microphone_that_dies_or_never_opens_is_reported_and_the_call_goes_on()
    {
        await using var link = new InMemoryAudioLink(Clean, Clean);
        var failures = new List<string>();
        var a = new VoiceCall(link.A, new DyingCapture(5), new NullPlayback());
        var b = new VoiceCall(link.B, new PulseAudioCapture("unix:/nonexistent/securelink-test", null), new NullPlayback());
        a.DeviceFailed += s => { lock (failures) failures.Add("A " + s); };
        b.DeviceFailed += s => { lock (failures) failures.Add("B " + s); };
        a.Start();
        b.Start();
        a.Start(); // idempotent
        await Task.Delay(600);
        var stats = a.GetStatistics();
        await a.DisposeAsync();
        await b.DisposeAsync();
        await a.DisposeAsync(); // twice is fine

        lock (failures)
        {
            Assert.Contains(failures, f => f.StartsWith("A The microphone stopped: device unplugged", StringComparison.Ordinal));
            Assert.Contains(failures, f => f.StartsWith("B The microphone could not be started: PulseAudio", StringComparison.Ordinal));
            Assert.Equal(2, failures.Count);
        }
        Assert.InRange(stats.PacketsSent, 0, 5);
        Assert.Throws<ObjectDisposedException>(a.Start);
    }

    [Fact]
    public void Clearing_the_receiver_zeroes_the_peer_audio_it_holds()
    {
        var now = TimeSpan.Zero;
        var receiver = new CallReceiver(null, () => now);
        var encoder = new OpusVoiceEncoder();
        var tone = Signals.Sine(500, VoiceFormat.FrameSamples * 6, 0.4);
        var payloads = new List<byte[]>();
        var packet = new byte[VoiceFormat.MaxPacketBytes];
        for (var f = 0; f < 6; f++)
        {
            var n = encoder.Encode(tone.AsSpan(f * VoiceFormat.FrameSamples, VoiceFormat.FrameSamples), packet);
            payloads.Add(packet[..n]);
            receiver.Insert(new ReceivedRtp(1, (ushort)f, (uint)(f * VoiceFormat.FrameSamples), f == 0, payloads[^1], 0), now);
        }
        now = TimeSpan.FromMilliseconds(100);
        var pcm = new short[VoiceFormat.FrameSamples];
        receiver.Read(MemoryMarshal.AsBytes(pcm.AsSpan()));
        Assert.All(payloads[0], b => Assert.Equal(0, b)); // discarded to shrink the delay: zeroed
        Assert.All(payloads[1], b => Assert.Equal(0, b)); // played: zeroed at once
        Assert.Contains(payloads[5], b => b != 0);

        receiver.Clear();
        Assert.All(payloads, p => Assert.All(p, b => Assert.Equal(0, b)));
        receiver.Read(MemoryMarshal.AsBytes(pcm.AsSpan()));
        Assert.All(pcm, s => Assert.Equal(0, s));        // after the call: silence only
    }
}
