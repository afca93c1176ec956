namespace SecureLink.WebRtc.Sdp.Tests;

/// <summary>
/// A fact that drives real Chromium or aiortc. Both gather ICE candidates on every interface
/// once given a description, so these run only inside tests/tools/isolated.sh's private
/// network namespace (SECURELINK_ISOLATED=1), never on the machine's real network.
/// </summary>
public sealed class IsolatedFactAttribute : FactAttribute
{
    public IsolatedFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("SECURELINK_ISOLATED") != "1")
            Skip = "needs the isolated network namespace: run under tests/tools/isolated.sh";
    }
}
