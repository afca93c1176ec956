namespace SecureLink.WebRtc.Ice;

/// <summary>The priority formulas of RFC 8445 §5.1.2.1 (candidates) and §6.1.2.3 (pairs).</summary>
public static class IcePriority
{
    /// <summary>Recommended type preferences (RFC 8445 §5.1.2.2).</summary>
    public static int TypePreference(IceCandidateType type) => type switch
    {
        IceCandidateType.Host => 126,
        IceCandidateType.PeerReflexive => 110,
        IceCandidateType.ServerReflexive => 100,
        _ => 0,
    };

    /// <summary>priority = 2^24 × type preference + 2^8 × local preference + (256 − component).</summary>
    public static uint Candidate(IceCandidateType type, int localPreference, int component = 1)
    {
        if (localPreference is < 0 or > 65535) throw new ArgumentOutOfRangeException(nameof(localPreference));
        if (component is < 1 or > 256) throw new ArgumentOutOfRangeException(nameof(component));
        return (uint)((TypePreference(type) << 24) + (localPreference << 8) + (256 - component));
    }

    /// <summary>pair priority = 2^32 × MIN(G,D) + 2 × MAX(G,D) + (G &gt; D ? 1 : 0); G is the controlling agent's candidate.</summary>
    public static ulong Pair(uint controlling, uint controlled)
    {
        ulong g = controlling, d = controlled;
        return (Math.Min(g, d) << 32) + 2 * Math.Max(g, d) + (g > d ? 1UL : 0UL);
    }
}
