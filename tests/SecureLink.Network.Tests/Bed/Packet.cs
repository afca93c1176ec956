using System.Buffers.Binary;
using System.Net;

namespace SecureLink.Network.Bed;

/// <summary>What a capture holds about one packet: enough to say who talked to whom with what.</summary>
public sealed record Packet(double Time, string Interface, bool Outgoing, int EtherType, int Protocol,
    IPAddress? Source, int SourcePort, IPAddress? Destination, int DestinationPort, int Length, byte[] Payload)
{
    public const int Udp = 17;
    public const int Tcp = 6;
    public const int Icmp = 1;
    public const int IcmpV6 = 58;
    public const int EtherArp = 0x0806;

    public bool IsIp => EtherType is 0x0800 or 0x86DD;
    public bool IsArp => EtherType == EtherArp;
    public bool IsUdp => Protocol == Udp;

    public IPEndPoint? From => Source is null ? null : new IPEndPoint(Source, SourcePort);
    public IPEndPoint? To => Destination is null ? null : new IPEndPoint(Destination, DestinationPort);

    /// <summary>RFC 7983 / RFC 8489: a STUN message has its two top bits clear and the magic cookie.</summary>
    public bool IsStun => IsUdp && Payload.Length >= 20 && Payload[0] < 4 && BinaryPrimitives.ReadUInt32BigEndian(Payload.AsSpan(4)) == 0x2112A442;

    /// <summary>STUN message type (0x0001 Binding request, 0x0101 success, 0x0111 error), or -1.</summary>
    public int StunType => IsStun ? BinaryPrimitives.ReadUInt16BigEndian(Payload) : -1;

    /// <summary>RFC 7983: DTLS records start with content types 20..63.</summary>
    public bool IsDtls => IsUdp && Payload.Length > 0 && Payload[0] is >= 20 and <= 63;

    /// <summary>RFC 7983: RTP/RTCP start with 128..191.</summary>
    public bool IsRtp => IsUdp && Payload.Length > 0 && Payload[0] is >= 128 and <= 191;

    /// <summary>The ICMPv6 type (neighbour discovery 133..137, MLD 130..132 and 143), or -1.</summary>
    public int IcmpV6Type => Protocol == IcmpV6 && Payload.Length > 0 ? Payload[0] : -1;

    /// <summary>ICMP "destination unreachable" (v4 type 3, v6 type 1): the kernel's answer to a packet for a closed port.</summary>
    public bool IsUnreachable => Payload.Length > 0 && ((Protocol == Icmp && Payload[0] == 3) || (Protocol == IcmpV6 && Payload[0] == 1));

    public override string ToString() =>
        IsIp ? $"{Time:F3} {Interface} {(Outgoing ? "out" : "in")} proto {Protocol} {From} > {To} len {Length}{(IsStun ? $" STUN 0x{StunType:x4}" : IsDtls ? " DTLS" : IsRtp ? " RTP" : Protocol is Icmp or IcmpV6 && Payload.Length > 0 ? $" type {Payload[0]}" : "")}"
             : $"{Time:F3} {Interface} ethertype 0x{EtherType:x4} len {Length}";
}
