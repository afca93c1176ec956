using System.Net;

namespace SecureLink.WebRtc.Ice;

internal enum CheckKind
{
    Ordinary,
    Nomination,
    Consent,
}

/// <summary>One outstanding Binding request of the agent: what was sent, to whom, and when to resend.</summary>
internal sealed class CheckTransaction(byte[] id, byte[] packet, CandidatePair pair, CheckKind kind, IceRole roleWhenSent)
{
    public byte[] Id { get; } = id;
    public byte[] Packet { get; } = packet;
    public CandidatePair Pair { get; } = pair;
    public CheckKind Kind { get; } = kind;
    public IceRole RoleWhenSent { get; } = roleWhenSent;
    public int Sends { get; set; }
    public long NextActionAtMs { get; set; }
    public IPEndPoint To => Pair.RemoteEndPoint;
}
