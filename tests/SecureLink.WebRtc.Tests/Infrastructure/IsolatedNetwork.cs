using System.Net;
using System.Net.NetworkInformation;

namespace SecureLink.WebRtc.Tests.Infrastructure;

/// <summary>
/// What tests/tools/isolated.sh provides: a private namespace with lo plus a
/// veth pair 198.18.0.1 ⇄ 198.18.0.2. Tests that gather ICE on every interface,
/// or start Chromium or aiortc, run only there, so nothing they send can leave
/// the machine.
/// </summary>
public static class IsolatedNetwork
{
    public static readonly IPAddress LanA = IPAddress.Parse("198.18.0.1");
    public static readonly IPAddress LanB = IPAddress.Parse("198.18.0.2");

    /// <summary>Null when inside the namespace, else why the test is skipped.</summary>
    public static string? SkipReason()
    {
        var local = NetworkInterface.GetAllNetworkInterfaces()
            .SelectMany(i => i.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .ToHashSet();
        if (Environment.GetEnvironmentVariable("SECURELINK_ISOLATED") != "1" || !local.Contains(LanA) || !local.Contains(LanB))
            return "needs the private test namespace (198.18.0.1/.2 absent): run under tests/tools/isolated.sh";
        // Anything else routable would make ICE gather (and send) from it.
        var foreign = local.Where(a => !IPAddress.IsLoopback(a) && !a.IsIPv6LinkLocal && !IsTestAddress(a)).ToList();
        if (foreign.Count > 0)
            return $"unexpected non-test address {foreign[0]} in the namespace; refusing to gather ICE";
        return null;
    }

    private static bool IsTestAddress(IPAddress a)
    {
        var b = a.GetAddressBytes();
        if (a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork) return b[0] == 198 && (b[1] & 0xFE) == 18;
        return b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8; // 2001:db8::/32 documentation range
    }
}

/// <summary>A test that runs only inside tests/tools/isolated.sh.</summary>
public sealed class IsolatedFactAttribute : FactAttribute
{
    public IsolatedFactAttribute()
    {
        Timeout = 60_000;
        Skip = IsolatedNetwork.SkipReason();
    }
}

/// <summary>An isolated test that also needs /usr/bin/chromium.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        Timeout = 90_000;
        Skip = IsolatedNetwork.SkipReason()
            ?? (File.Exists(ChromiumFixture.ExecutablePath) ? null : $"Chromium not installed at {ChromiumFixture.ExecutablePath}");
    }
}

/// <summary>An isolated test that also needs aiortc under /usr/bin/python3.</summary>
public sealed class AiortcFactAttribute : FactAttribute
{
    public AiortcFactAttribute()
    {
        Timeout = 90_000;
        Skip = IsolatedNetwork.SkipReason() ?? AiortcPeer.SkipReason();
    }
}

/// <summary>An isolated test that needs both Chromium and aiortc.</summary>
public sealed class ChromiumAiortcFactAttribute : FactAttribute
{
    public ChromiumAiortcFactAttribute()
    {
        Timeout = 90_000;
        Skip = IsolatedNetwork.SkipReason()
            ?? (File.Exists(ChromiumFixture.ExecutablePath) ? null : $"Chromium not installed at {ChromiumFixture.ExecutablePath}")
            ?? AiortcPeer.SkipReason();
    }
}

/// <summary>A theory that runs only inside tests/tools/isolated.sh.</summary>
public sealed class IsolatedTheoryAttribute : TheoryAttribute
{
    public IsolatedTheoryAttribute()
    {
        Timeout = 120_000;
        Skip = IsolatedNetwork.SkipReason();
    }
}

/// <summary>An isolated theory that also needs /usr/bin/chromium.</summary>
public sealed class ChromiumTheoryAttribute : TheoryAttribute
{
    public ChromiumTheoryAttribute()
    {
        Timeout = 120_000;
        Skip = IsolatedNetwork.SkipReason()
            ?? (File.Exists(ChromiumFixture.ExecutablePath) ? null : $"Chromium not installed at {ChromiumFixture.ExecutablePath}");
    }
}

/// <summary>An isolated theory that also needs aiortc.</summary>
public sealed class AiortcTheoryAttribute : TheoryAttribute
{
    public AiortcTheoryAttribute()
    {
        Timeout = 120_000;
        Skip = IsolatedNetwork.SkipReason() ?? AiortcPeer.SkipReason();
    }
}
