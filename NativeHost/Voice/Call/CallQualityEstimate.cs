using SecureLink.Voice.Quality;

namespace SecureLink.Voice.Call;

/// <summary>
/// The E-model figures of what we hear. One-way delay = RTT/2 plus what the jitter buffer
/// holds; loss = after FEC, so the codec is rated as PLC-only (FEC's benefit is already in the
/// lower loss), at the bitrate the peer actually sends.
/// </summary>
internal static class CallQualityEstimate
{
    internal static CallQuality Rate(in ReceiveSnapshot rx, double? rttMs, int fallbackBitrate)
    {
        var codec = CodecImpairment.ForOpus(rx.IncomingBitrate > 0 ? (int)rx.IncomingBitrate : fallbackBitrate, fec: false);
        return EModel.Rate(new CallConditions((rttMs ?? 0) / 2, rx.ResidualLossPercent, 1, rx.Jitter.JitterMs, rx.Jitter.CurrentDelayMs), codec);
    }
}
