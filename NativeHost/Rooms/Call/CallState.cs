namespace SecureLink.Rooms.Call;

/// <summary>Where a call is (protocol <c>call.state</c>); no call at all is "no <see cref="CallView"/>".</summary>
public enum CallState
{
    /// <summary>We called; the peer has not answered yet.</summary>
    Ringing,
    /// <summary>The peer calls us; we may accept or decline.</summary>
    Incoming,
    /// <summary>Both sides agreed; audio flows.</summary>
    Active,
    /// <summary>The call is over (see the reason code). Reported once, then there is no call.</summary>
    Ended,
}

/// <summary>Protocol spellings.</summary>
public static class CallStates
{
    public static string WireName(this CallState state) => state switch
    {
        CallState.Ringing => "ringing",
        CallState.Incoming => "incoming",
        CallState.Active => "active",
        CallState.Ended => "ended",
        _ => throw new ArgumentOutOfRangeException(nameof(state)),
    };
}
