using SecureLink.WebRtc.Transport;

namespace SecureLink.WebRtc.Ice;

/// <summary>
/// Consent freshness (RFC 7675): a Binding request on the selected pair every ~5 s
/// (randomised 0.8–1.2×, shorter when ConsentTimeout is short). These double as NAT
/// keepalives. No answer for a third of ConsentTimeout ⇒ Disconnected; for all of it ⇒ Failed.
/// </summary>
public sealed partial class IceAgent
{
    private long _lastConsentAtMs;
    private long _nextConsentAtMs;

    private void CheckConsent(long now)
    {
        var selected = _selected;
        if (selected is null || State is not (IceConnectionState.Connected or IceConnectionState.Disconnected)) return;
        if (now >= _nextConsentAtMs)
        {
            SendCheck(selected, CheckKind.Consent, now);
            _nextConsentAtMs = now + NextConsentIntervalMs();
        }
        var silentMs = now - _lastConsentAtMs;
        var timeoutMs = (long)_options.ConsentTimeout.TotalMilliseconds;
        if (silentMs > timeoutMs)
        {
            var seconds = Math.Max(1, (int)Math.Round(_options.ConsentTimeout.TotalSeconds));
            if (State == IceConnectionState.Connected) SetState(IceConnectionState.Disconnected);
            Fail($"The other person can no longer be reached (no response for {seconds} s).");
        }
        else if (silentMs > timeoutMs / 3 && State == IceConnectionState.Connected)
        {
            Log(LogLevel.Info, $"no consent response for {silentMs} ms");
            SetState(IceConnectionState.Disconnected);
        }
    }

    private long NextConsentIntervalMs()
    {
        var baseMs = Math.Min(5000.0, _options.ConsentTimeout.TotalMilliseconds / 6);
        return (long)(baseMs * (0.8 + 0.4 * Random.Shared.NextDouble()));
    }
}
