namespace SecureLink.Network.Tests;

/// <summary>
/// A scenario that builds namespaces: it runs only as root inside the private namespace of
/// tests/tools/isolated.sh (SECURELINK_ISOLATED=1), where everything it makes is out of reach of
/// the machine's own interfaces. Elsewhere it is skipped with the reason.
/// </summary>
public sealed class NetFactAttribute : FactAttribute
{
    public NetFactAttribute()
    {
        Skip = Why();
        Timeout = 120_000;
    }

    internal static string? Why()
    {
        if (Environment.GetEnvironmentVariable("SECURELINK_ISOLATED") != "1")
            return "Needs the private network namespace: run via tests/tools/isolated.sh dotnet test ...";
        if (Environment.UserName != "root") return "Needs root (ip netns, nft, tcpdump).";
        foreach (var tool in new[] { "/usr/bin/turnserver", "/usr/bin/tcpdump", "/usr/sbin/nft" })
            if (!File.Exists(tool)) return $"{tool} is missing: run tests/tools/prereqs.sh test.";
        return null;
    }
}
