namespace SecureLink.WebRtc.Sctp;

/// <summary>
/// Association states (RFC 9260 §4). The machine, as we run it:
/// <code>
///                       ┌─────────┐ DisposeAsync / ABORT / timeout (from any state)
///                       │ CLOSED  │◄──────────────────────────────────────────────
///                       └─────────┘
///  IsClient: send INIT,     │   │  rcv INIT: send INIT-ACK (stateless, signed cookie), stay CLOSED
///  start T1-init            │   │  rcv valid COOKIE-ECHO: send COOKIE-ACK ───────────────┐
///                           ▼   │                                                        │
///                    ┌─────────────┐ rcv INIT (collision): INIT-ACK with our same tag    │
///                    │ COOKIE-WAIT │                                                     │
///                    └─────────────┘                                                     │
///       rcv INIT-ACK: send COOKIE-ECHO, T1-cookie │                                      │
///                                                  ▼                                     │
///                    ┌───────────────┐ rcv COOKIE-ECHO (collision, §5.2.4 B/D):          │
///                    │ COOKIE-ECHOED │ send COOKIE-ACK ─────────┐                        │
///                    └───────────────┘                          │                        │
///                 rcv COOKIE-ACK (or DATA/SACK: ack was lost)   │                        │
///                                   ▼                           ▼                        ▼
///                               ┌──────────────────────────────────────────────────────────┐
///                               │                        ESTABLISHED                       │
///                               └──────────────────────────────────────────────────────────┘
///             DisposeAsync │                                     │ rcv SHUTDOWN
///                          ▼                                     ▼
///              ┌──────────────────┐                   ┌───────────────────┐
///              │ SHUTDOWN-PENDING │                   │ SHUTDOWN-RECEIVED │
///              └──────────────────┘                   └───────────────────┘
///      no data outstanding: send SHUTDOWN     no data outstanding: send SHUTDOWN-ACK
///                          ▼                                     ▼
///              ┌──────────────────┐                   ┌────────────────────┐
///              │  SHUTDOWN-SENT   │                   │ SHUTDOWN-ACK-SENT  │
///              └──────────────────┘                   └────────────────────┘
///   rcv SHUTDOWN-ACK: send SHUTDOWN-COMPLETE      rcv SHUTDOWN-COMPLETE
///                          └──────────────► CLOSED ◄─────────┘
/// </code>
/// </summary>
public enum SctpAssociationState
{
    Closed,
    CookieWait,
    CookieEchoed,
    Established,
    ShutdownPending,
    ShutdownSent,
    ShutdownReceived,
    ShutdownAckSent,
}
