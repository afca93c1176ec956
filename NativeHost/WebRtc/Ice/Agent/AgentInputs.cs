using System.Net;

namespace SecureLink.WebRtc.Ice;

/// <summary>Everything that can happen to the agent, queued for its one loop.</summary>
internal abstract record AgentInput;

internal sealed record DatagramInput(LocalSocket Socket, IPEndPoint From, byte[] Data) : AgentInput;

internal sealed record TickInput : AgentInput
{
    public static TickInput Instance { get; } = new();
}

internal sealed record RemoteCandidateInput(IceCandidate Candidate) : AgentInput;

internal sealed record StartInput(IceParameters Remote, IceRole Role) : AgentInput;

/// <summary>A check that arrived before ConnectAsync told us the remote credentials; replayed as a triggered check on start.</summary>
internal sealed record EarlyCheck(LocalSocket Socket, IPEndPoint From, uint Priority, bool UseCandidate);
