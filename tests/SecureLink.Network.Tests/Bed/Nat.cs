namespace SecureLink.Network.Bed;

/// <summary>A NAT namespace's rules: forwarding between <c>lan</c> and <c>wan</c>, translation by <see cref="NatKind"/>.</summary>
public static class Nat
{
    public static void Apply(Netns router, NatKind kind, string lan = "lan", string wan = "wan")
    {
        router.Sysctl("net.ipv4.ip_forward", "1");
        var masquerade = kind == NatKind.Symmetric ? "masquerade random,fully-random" : "masquerade";
        // Unsolicited packets to the router itself are dropped before conntrack confirms them:
        // an entry left by a peer's early check would make the next outgoing flow's mapping
        // clash and move to another port, which real home routers do not do.
        var cone = kind == NatKind.EndpointIndependent
            ? $$"""
                map cone { type inet_service : ipv4_addr . inet_service; flags dynamic,timeout; timeout 5m; }
                chain learn {
                  type filter hook postrouting priority 200; policy accept;
                  oifname "{{wan}}" meta l4proto udp ct direction original update @cone { udp sport : ct original ip saddr . ct original proto-src }
                }
                chain cone_in {
                  type nat hook prerouting priority -100; policy accept;
                  iifname "{{wan}}" meta l4proto udp dnat ip to udp dport map @cone
                }
              """
            : "";
        router.Nft($$"""
            table ip nb {
              {{cone}}
              chain forward {
                type filter hook forward priority 0; policy drop;
                ct state established,related accept
                iifname "{{lan}}" oifname "{{wan}}" accept
                iifname "{{wan}}" oifname "{{lan}}" ct status dnat accept
              }
              chain input {
                type filter hook input priority 0; policy accept;
                iifname "{{wan}}" ct state new drop
              }
              chain nat_out {
                type nat hook postrouting priority 100; policy accept;
                oifname "{{wan}}" {{masquerade}}
              }
            }
            """);
    }
}
