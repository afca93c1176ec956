using System.Runtime.InteropServices;
using SecureLink.Voice.Call;
using SecureLink.Voice.Codec;
using SecureLink.Voice.Quality;
using SecureLink.WebRtc.Media;

namespace SecureLink.Voice.Tests.Call;

/// <summary>
/// One direction of a call (the VoiceCall's own sender and receiver) on a virtual clock: every
/// 20 ms one frame is encoded, the simulated network (seeded, so runs repeat exactly) decides its
/// fate, due packets are inserted and one frame is played. Quality assertions live here, because
/// real-time tests on a shared two-core machine measure the machine as much as the code.
/// </summary>
internal sealed class LockstepCall
{
    private readonly CallSender _sender;
    private readonly CallReceiver _receiver;
    private readonly Impairment _net;
    private readonly Random _rng;
    private readonly PriorityQueue<(ushort Seq, uint Ts, bool Marker, byte[] Payload, double At), double> _inFlight = new();
    private double _now;
    private ushort _seq = 65_500; // wraps during the run

    internal LockstepCall(Impairment network, bool fec = true, int seed = 7)
    {
        _net = network;
        _rng = new Random(seed);
        _sender = new CallSender(fec, 4_294_000_000u); // the timestamp wraps too
        _receiver = new CallReceiver(null, () => TimeSpan.FromMilliseconds(_now));
    }

    internal long Sent { get; private set; }

    /// <summary>Called for each packet after the network's choice and before delivery; may rewrite it.</summary>
    internal Func<ReceivedRtp, ReceivedRtp>? Tamper { get; init; }

    /// <summary>Extra packets to deliver at frame <c>f</c> (garbage from the peer).</summary>
    internal Func<int, IEnumerable<ReceivedRtp>>? Inject { get; init; }

    /// <summary>Runs <paramref name="input"/> through and returns what the receiver played.</summary>
    internal short[] Run(short[] input, double rttMs = 40)
    {
        var frames = input.Length / VoiceFormat.FrameSamples;
        var output = new short[(frames + 20) * VoiceFormat.FrameSamples];
        for (var f = 0; f < frames + 20; f++)
        {
            _now = f * 20.0;
            if (f < frames && _sender.Encode(input.AsSpan(f * VoiceFormat.FrameSamples, VoiceFormat.FrameSamples), f, out var ts, out var marker) is var n and > 0)
            {
                Sent++;
                var seq = _seq++;
                if (_rng.NextDouble() * 100 >= _net.LossPercent)
                {
                    var copies = _rng.NextDouble() * 100 < _net.DuplicatePercent ? 2 : 1;
                    for (var c = 0; c < copies; c++)
                    {
                        var at = _now + _net.DelayMs + _rng.NextDouble() * _net.JitterMs + c * 3;
                        _inFlight.Enqueue((seq, ts, marker, _sender.Packet(n).ToArray(), at), at);
                    }
                }
                if (f % 50 == 49) _sender.Adapt(_net.LossPercent);
            }
            foreach (var extra in Inject?.Invoke(f) ?? [])
                _receiver.Insert(extra, TimeSpan.FromMilliseconds(_now));
            while (_inFlight.TryPeek(out var p, out var at) && at <= _now)
            {
                _inFlight.Dequeue();
                var rtp = new ReceivedRtp(1, p.Seq, p.Ts, p.Marker, p.Payload, 0);
                if (Tamper is { } t) rtp = t(rtp);
                _receiver.Insert(rtp, TimeSpan.FromMilliseconds(p.At));
            }
            _receiver.Read(MemoryMarshal.AsBytes(output.AsSpan(f * VoiceFormat.FrameSamples, VoiceFormat.FrameSamples)));
        }
        Rtt = rttMs;
        return output;
    }

    private double Rtt { get; set; }

    internal ReceiveSnapshot Snapshot => _receiver.Snapshot();

    internal CallQuality Quality => CallQualityEstimate.Rate(_receiver.Snapshot(), Rtt, _sender.BitrateBps);

    internal int BitrateBps => _sender.BitrateBps;
}
