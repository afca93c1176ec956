namespace SecureLink.Rooms.Codes;

/// <summary>
/// One ICE candidate as a code carries it: UDP, component 1, host or server-reflexive. The
/// foundation, priority and related address are not carried; <see cref="CodeSdp"/> recomputes
/// them when it rebuilds SDP, because both ends are SecureLink hosts and need nothing more.
/// </summary>
public sealed record CodeCandidate(System.Net.IPAddress Address, int Port, bool IsServerReflexive);
