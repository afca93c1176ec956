namespace SecureLink.WebRtc.Ice;

/// <summary>
/// The agent's life (names as in the W3C RTCIceTransportState):
/// <code>
/// New ──ConnectAsync──► Checking ──pair selected──► Connected ◄──consent back── Disconnected
///                          │                           │  └──no consent for ConsentTimeout/3──┘ │
///                          └──ConnectTimeout──► Failed ◄┴────no consent for ConsentTimeout─────┘
/// any ──DisposeAsync──► Closed
/// </code>
/// Completed is part of the contract but this agent does not use it: it stops checking
/// as soon as a pair is selected, so Connected already means "done".
/// </summary>
public enum IceConnectionState
{
    New,
    Checking,
    Connected,
    Completed,
    Failed,
    Disconnected,
    Closed,
}
