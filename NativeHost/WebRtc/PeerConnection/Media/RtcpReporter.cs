using System.Diagnostics;
using SecureLink.WebRtc.Rtcp;
using SecureLink.WebRtc.Transport;

namespace SecureLink.WebRtc.Media;

/// <summary>
/// RTCP for one audio stream (RFC 3550 §6): every 0.5–1.5 s (a 1 s interval randomised as
/// §6.3.1 asks, so two peers do not fall into step) a compound of SR — or RR while we have not
/// sent — with a report block about the peer's stream, and SDES CNAME; a BYE when the stream
/// ends. Incoming SR and report blocks about our stream feed <see cref="ReceptionState"/>.
/// </summary>
internal sealed class RtcpReporter
{
    private static readonly TimeSpan BaseInterval = TimeSpan.FromSeconds(1);
    private readonly RtpSender _sender;
    private readonly ReceptionState _state;
    private readonly AudioStreamSettings _settings;
    private readonly ILog _log;

    public RtcpReporter(RtpSender sender, ReceptionState state, AudioStreamSettings settings, ILog log)
    {
        _sender = sender;
        _state = state;
        _settings = settings;
        _log = log;
    }

    /// <summary>Compounds sent (reports and BYE).</summary>
    public long ReportsSent { get; private set; }

    public async Task RunAsync(CancellationToken ct)
    {
        try
        {
            // The first report goes out after half an interval (§6.3.6 lets the first be early).
            var delay = Jittered() / 2;
            while (true)
            {
                await Task.Delay(delay, ct).ConfigureAwait(false);
                if (await _sender.SendRtcpAsync(Build(bye: false), ct).ConfigureAwait(false)) ReportsSent++;
                delay = Jittered();
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            _log.Write(LogLevel.Error, "rtcp", $"report loop ended: {e.GetType().Name}");
        }
    }

    /// <summary>A last report with BYE (RFC 3550 §6.6); best effort, the peer may be gone already.</summary>
    public async Task SendByeAsync(CancellationToken ct)
    {
        try
        {
            if (await _sender.SendRtcpAsync(Build(bye: true), ct).ConfigureAwait(false)) ReportsSent++;
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Handles one authenticated, parsed compound from the peer (called on the receive loop).</summary>
    public void OnRtcp(List<RtcpPacket> packets, TimeSpan arrival)
    {
        var arrivalNtp = NtpTimestamp.FromDateTime(DateTime.UtcNow);
        foreach (var packet in packets)
        {
            IReadOnlyList<RtcpReportBlock> blocks;
            switch (packet)
            {
                case RtcpSenderReport sr:
                    _state.OnSenderReport(sr.Ssrc, sr.NtpTimestamp, arrival);
                    blocks = sr.ReportBlocks;
                    break;
                case RtcpReceiverReport rr:
                    blocks = rr.ReportBlocks;
                    break;
                case RtcpBye bye:
                    _state.OnBye(bye.Ssrcs);
                    if (_log.IsEnabled(LogLevel.Debug)) _log.Write(LogLevel.Debug, "rtcp", $"peer sent BYE for {bye.Ssrcs.Count} source(s)");
                    continue;
                default:
                    continue;
            }
            foreach (var block in blocks)
                if (block.Ssrc == _settings.LocalSsrc) _state.OnReportAboutUs(block, arrivalNtp);
        }
    }

    private byte[] Build(bool bye)
    {
        var now = Stopwatch.GetElapsedTime(0);
        var sent = _sender.Snapshot();
        RtcpReportBlock[] blocks = _state.CreateReportBlock(now) is { } b ? [b] : [];
        var packets = new List<RtcpPacket>(3);
        // SR once we have sent anything, even while muted: the peer's report blocks quote our last
        // SR (LSR), and without fresh ones our RTT would freeze during a muted stretch.
        if (sent.Packets > 0)
        {
            var elapsed = Stopwatch.GetElapsedTime(sent.LastSentAt);
            packets.Add(new RtcpSenderReport
            {
                Ssrc = _settings.LocalSsrc,
                NtpTimestamp = NtpTimestamp.FromDateTime(DateTime.UtcNow),
                // The RTP time that corresponds to "now", so the peer can map our timestamps to its clock.
                RtpTimestamp = unchecked(sent.LastTimestamp + (uint)(elapsed.TotalSeconds * AudioStreamSettings.ClockRate)),
                PacketCount = unchecked((uint)sent.Packets),
                OctetCount = unchecked((uint)sent.PayloadOctets),
                ReportBlocks = blocks,
            });
        }
        else
        {
            packets.Add(new RtcpReceiverReport { Ssrc = _settings.LocalSsrc, ReportBlocks = blocks });
        }
        packets.Add(RtcpSourceDescription.ForCName(_settings.LocalSsrc, _settings.Cname));
        if (bye) packets.Add(new RtcpBye { Ssrcs = [_settings.LocalSsrc] });
        return RtcpCompoundPacket.ToArray([.. packets]);
    }

    private static TimeSpan Jittered() => BaseInterval * (0.5 + Random.Shared.NextDouble());
}
