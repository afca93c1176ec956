namespace SecureLink.WebRtc.Sctp.Association;

/// <summary>RTO from RTT samples (RFC 9260 §6.3.1): SRTT/RTTVAR with alpha 1/8, beta 1/4, clamped, doubled on expiry.</summary>
internal sealed class RtoEstimator(double initialMs, double minMs, double maxMs)
{
    private double _srtt, _rttvar;
    private bool _hasSample;

    public double RtoMs { get; private set; } = initialMs;
    public double SrttMs => _srtt;

    public void AddSample(double rttMs)
    {
        if (!_hasSample)
        {
            _srtt = rttMs;
            _rttvar = rttMs / 2;
            _hasSample = true;
        }
        else
        {
            _rttvar = 0.75 * _rttvar + 0.25 * Math.Abs(_srtt - rttMs);
            _srtt = 0.875 * _srtt + 0.125 * rttMs;
        }
        // G (clock granularity) of 1 ms keeps RTTVAR from collapsing on a zero-delay link.
        RtoMs = Math.Clamp(_srtt + Math.Max(1, 4 * _rttvar), minMs, maxMs);
    }

    public void BackOff() => RtoMs = Math.Min(RtoMs * 2, maxMs);
}
