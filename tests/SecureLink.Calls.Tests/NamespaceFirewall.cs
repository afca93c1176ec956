namespace SecureLink.Calls.Tests;

/// <summary>
/// Tests that install nftables rules. A rule is state of the whole network namespace, so two such
/// tests running side by side see each other: the loss test's 30 % rule once dropped a concurrent
/// call's RTP (a "5 %" FEC run that really had bursts of 30 %), and the call's rule counted drops of
/// the loss test's packets (372 dropped for 301 missing). They run one after another, and alone.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class NamespaceFirewall
{
    public const string Name = "namespace firewall";
}
