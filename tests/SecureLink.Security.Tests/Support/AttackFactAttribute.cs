using System.Net;
using System.Net.NetworkInformation;

namespace SecureLink.Security.Tests.Support;

/// <summary>
/// An attack that opens real sockets: it runs only inside the private namespace of
/// tests/tools/isolated.sh (SECURELINK_ISOLATED=1, 198.18.0.1/.2 present, running as root so it
/// may add test addresses and capture), so nothing it sends can leave the machine.
/// Elsewhere it is skipped and says why.
/// </summary>
public sealed class AttackFactAttribute : FactAttribute
{
    public AttackFactAttribute()
    {
        Skip = WhyNot();
        Timeout = 120_000;
    }

    internal static string? WhyNot()
    {
        if (Environment.GetEnvironmentVariable("SECURELINK_ISOLATED") != "1")
            return "Needs the private network namespace: run via tests/tools/isolated.sh dotnet test ...";
        if (!HasAddress(TestNet.A) || !HasAddress(TestNet.B))
            return "The veth test addresses 198.18.0.1 and 198.18.0.2 are missing in this namespace.";
        return null;
    }

    private static bool HasAddress(IPAddress address) =>
        NetworkInterface.GetAllNetworkInterfaces()
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Any(u => u.Address.Equals(address));
}

/// <summary>The addresses isolated.sh puts on its veth pair.</summary>
public static class TestNet
{
    public static readonly IPAddress A = IPAddress.Parse("198.18.0.1");
    public static readonly IPAddress B = IPAddress.Parse("198.18.0.2");
}
