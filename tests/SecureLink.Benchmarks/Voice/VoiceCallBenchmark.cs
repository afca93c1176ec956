using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Threading.Channels;
using SecureLink.Voice.Call;
using SecureLink.Voice.Codec;
using SecureLink.Voice.Devices;
using SecureLink.WebRtc.Media;

namespace SecureLink.Benchmarks;

/// <summary>
/// CPU per call. (1) The call engine's own halves (CallSender: encode, DTX, timestamps; CallReceiver:
/// stream guard, jitter buffer, decode, FEC/PLC) for a pair of calls on a virtual clock, as fast as
/// they run; (2) a real VoiceCall pair (threads, queues, paced devices) over an in-memory channel in
/// real time, measured as process CPU time against an idle stretch of the same length. The in-run
/// reference is Opus encode + decode alone on the same signal (what voice-codec measures), so the
/// engine's overhead is a ratio. Reported as % of one core for one call (one end) in real time.
/// </summary>
public sealed class VoiceCallBenchmark : IBenchmark
{
    private const int Frames = 500; // 10 s of audio
    private const double AudioSeconds = Frames * VoiceFormat.FrameMilliseconds / 1000.0;

    public string Name => "voice-call";
    public string Description => "CPU per call: VoiceCall engine pair on a virtual clock and in real time, vs Opus encode+decode alone";

    public async Task RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        var pcm = VoiceCodecBenchmark.SpeechLike(Frames * VoiceFormat.FrameSamples);
        output.WriteLine($"signal: {Frames} frames of synthetic voiced speech ({AudioSeconds:F0} s), 32 kb/s full band, FEC on; process CPU time, best of 3");

        var codec = Best(() => CodecOnly(pcm), cancellationToken);
        var engine = Best(() => EnginePair(pcm), cancellationToken) / 2; // a pair is two calls
        output.WriteLine($"  reference: opus encode+decode      {Percent(codec),6:F2} % of a core per call");
        output.WriteLine($"  engine (virtual clock, per call)   {Percent(engine),6:F2} % of a core  ({engine / codec:F2}× the codec alone)");

        const int realSeconds = 5;
        var idle = await CpuOverAsync(null, realSeconds, cancellationToken);
        var pair = await CpuOverAsync(pcm, realSeconds, cancellationToken);
        var perCall = Math.Max(0, (pair.Cpu - idle.Cpu).TotalSeconds) / pair.Wall.TotalSeconds / 2 * 100;
        output.WriteLine($"  VoiceCall pair in real time        {perCall,6:F2} % of a core per call  ({perCall / Percent(codec):F2}× the codec alone; " +
                         $"{pair.Sent} packets sent, {pair.Received} received in {pair.Wall.TotalSeconds:F1} s; idle process {idle.Cpu.TotalMilliseconds:F0} ms CPU)");
    }

    private static double Percent(TimeSpan cpuForAudio) => cpuForAudio.TotalSeconds / AudioSeconds * 100;

    // Process CPU time, not wall time: on a shared machine the wall clock also counts the time other
    // processes held the core, CPU time only ours (the run is single-threaded; the rest idles).
    private static TimeSpan Best(Action run, CancellationToken ct)
    {
        using var process = Process.GetCurrentProcess();
        var best = TimeSpan.MaxValue;
        for (var i = 0; i < 3; i++)
        {
            ct.ThrowIfCancellationRequested();
            process.Refresh();
            var before = process.TotalProcessorTime;
            run();
            process.Refresh();
            var t = process.TotalProcessorTime - before;
            if (t < best) best = t;
        }
        return best;
    }

    private static void CodecOnly(short[] pcm)
    {
        var encoder = new OpusVoiceEncoder();
        var decoder = new OpusVoiceDecoder();
        var packet = new byte[VoiceFormat.MaxPacketBytes];
        var outPcm = new short[VoiceFormat.MaxPacketSamples];
        for (var f = 0; f < Frames; f++)
        {
            var n = encoder.Encode(pcm.AsSpan(f * VoiceFormat.FrameSamples, VoiceFormat.FrameSamples), packet);
            decoder.Decode(packet.AsSpan(0, n), outPcm);
        }
    }

    // Both ends of a call, lock-step: each 20 ms of virtual time both encode a frame, hand the
    // payload over as the channel would (a private copy), and play one frame.
    private static void EnginePair(short[] pcm)
    {
        double now = 0;
        var clock = () => TimeSpan.FromMilliseconds(now);
        var (aSend, bSend) = (new CallSender(true, 1000), new CallSender(true, 5000));
        var (aRecv, bRecv) = (new CallReceiver(null, clock), new CallReceiver(null, clock));
        ushort aSeq = 0, bSeq = 0;
        for (var f = 0; f < Frames; f++)
        {
            now = f * VoiceFormat.FrameMilliseconds;
            var frame = pcm.AsSpan(f * VoiceFormat.FrameSamples, VoiceFormat.FrameSamples);
            Hand(aSend, bRecv, frame, f, ref aSeq, clock());
            Hand(bSend, aRecv, frame, f, ref bSeq, clock());
            aRecv.PullFrame(clock());
            bRecv.PullFrame(clock());
        }
    }

    private static void Hand(CallSender sender, CallReceiver receiver, ReadOnlySpan<short> frame, int index, ref ushort seq, TimeSpan now)
    {
        var n = sender.Encode(frame, index, out var ts, out var marker);
        if (n > 0) receiver.Insert(new ReceivedRtp(7, seq++, ts, marker, sender.Packet(n).ToArray(), 0), now);
    }

    private static async Task<(TimeSpan Cpu, TimeSpan Wall, long Sent, long Received)> CpuOverAsync(short[]? pcm, int seconds, CancellationToken ct)
    {
        using var process = Process.GetCurrentProcess();
        VoiceCall? a = null, b = null;
        if (pcm is not null)
        {
            var (x, y) = DirectChannel.Pair();
            a = new VoiceCall(x, new PcmCapture(pcm), new NullPlayback());
            b = new VoiceCall(y, new PcmCapture(pcm), new NullPlayback());
            a.Start();
            b.Start();
            await Task.Delay(1000, ct); // warm-up: JIT and the jitter buffer's start
        }
        process.Refresh();
        var cpu0 = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(seconds), ct);
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpu0;
        var elapsed = wall.Elapsed;
        long sent = 0, received = 0;
        if (a is not null && b is not null)
        {
            var (sa, sb) = (a.GetStatistics(), b.GetStatistics());
            sent = sa.PacketsSent + sb.PacketsSent;
            received = sa.PacketsReceived + sb.PacketsReceived;
            await a.DisposeAsync();
            await b.DisposeAsync();
        }
        return (cpu, elapsed, sent, received);
    }

    /// <summary>A microphone that loops a PCM buffer in real time.</summary>
    private sealed class PcmCapture(short[] pcm) : FrameCapture
    {
        private readonly Stopwatch _clock = new();
        private long _frame;

        protected override void Open() => _clock.Restart();

        protected override bool ReadFrame(byte[] frame, WaitHandle stop)
        {
            var due = TimeSpan.FromMilliseconds(++_frame * VoiceFormat.FrameMilliseconds) - _clock.Elapsed;
            if (stop.WaitOne(due > TimeSpan.Zero ? due : TimeSpan.Zero)) return false;
            var at = (int)(_frame % Frames) * VoiceFormat.FrameSamples;
            MemoryMarshal.AsBytes(pcm.AsSpan(at, VoiceFormat.FrameSamples)).CopyTo(frame);
            return true;
        }

        protected override void Close() { }
    }

    /// <summary>Two audio channels wired back to back: no SRTP, no network, nothing lost.</summary>
    private sealed class DirectChannel(uint ssrc) : IRtpAudioChannel
    {
        private readonly Channel<ReceivedRtp> _received = Channel.CreateBounded<ReceivedRtp>(
            new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropOldest });
        private DirectChannel? _peer;
        private int _seq;

        internal static (DirectChannel, DirectChannel) Pair()
        {
            var (a, b) = (new DirectChannel(1), new DirectChannel(2));
            (a._peer, b._peer) = (b, a);
            return (a, b);
        }

        public uint LocalSsrc => ssrc;
        public int PayloadType => 111;
        public ChannelReader<ReceivedRtp> Received => _received.Reader;

        public ValueTask SendAsync(ReadOnlyMemory<byte> payload, uint timestamp, bool marker, CancellationToken ct)
        {
            var seq = (ushort)Interlocked.Increment(ref _seq);
            _peer!._received.Writer.TryWrite(new ReceivedRtp(ssrc, seq, timestamp, marker, payload.ToArray(), Stopwatch.GetTimestamp()));
            return ValueTask.CompletedTask;
        }

        public RtpChannelStatistics GetStatistics() => new(0, 0, 0, 0, 0, 0, null, 0, null, 0);
    }
}
