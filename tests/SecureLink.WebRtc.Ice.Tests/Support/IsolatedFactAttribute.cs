using System.Net;
using System.Net.NetworkInformation;

namespace SecureLink.WebRtc.Ice.Tests.Support;

/// <summary>
/// A test that gathers on every interface or uses the veth test addresses: it runs only inside
/// the private namespace of tests/tools/isolated.sh (SECURELINK_ISOLATED=1 and 198.18.0.1/.2 present),
/// so nothing it sends can leave the machine. Elsewhere it is skipped with the reason.
/// </summary>
public sealed class IsolatedFactAttribute : FactAttribute
{
    public IsolatedFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("SECURELINK_ISOLATED") != "1")
            Skip = "Needs the private network namespace: run via tests/tools/isolated.sh dotnet test ...";
        else if (!HasAddress(Veth.A) || !HasAddress(Veth.B))
            Skip = "The veth test addresses 198.18.0.1 and 198.18.0.2 are missing in this namespace.";
    }

    private static bool HasAddress(IPAddress address) =>
        NetworkInterface.GetAllNetworkInterfaces()
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Any(u => u.Address.Equals(address));
}

/// <summary>The <see cref="IsolatedFactAttribute"/> rule for theories.</summary>
public sealed class IsolatedTheoryAttribute : TheoryAttribute
{
    public IsolatedTheoryAttribute() => Skip = new IsolatedFactAttribute().Skip;
}

public static class Veth
{
    public static readonly IPAddress A = IPAddress.Parse("198.18.0.1");
    public static readonly IPAddress B = IPAddress.Parse("198.18.0.2");
}
