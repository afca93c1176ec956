using System.Diagnostics;
using System.Globalization;

namespace SecureLink.Nearby.Tests;

/// <summary>
/// A private LAN made for one test: two network namespaces ("a" and "b", each with lo and one
/// veth) plugged into a bridge in the namespace the test runs in, addresses from 100.64.0.0/10.
/// Only ever built inside tests/tools/isolated.sh (checked), so multicast on this LAN cannot
/// reach any real network. Torn down on dispose, also after a failure.
/// </summary>
internal sealed class Lan : IDisposable
{
    private readonly string _tag = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
    private readonly List<string> _namespaces = [];

    public Lan()
    {
        if (Environment.GetEnvironmentVariable("SECURELINK_ISOLATED") != "1")
            throw new InvalidOperationException("The nearby LAN tests send multicast: run them under tests/tools/isolated.sh (./test.sh Nearby).");
        Bridge = "slnb" + _tag;
        try
        {
            Run("ip", "link", "add", Bridge, "type", "bridge", "mcast_snooping", "0");
            Run("ip", "link", "set", Bridge, "up");
            A = AddHost("a", "100.64.77.1/24");
            B = AddHost("b", "100.64.77.2/24");
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The bridge device: every packet between the two hosts crosses it (tcpdump listens here).</summary>
    public string Bridge { get; }

    public string A { get; }
    public string B { get; }

    private string AddHost(string name, string address)
    {
        var ns = $"slnb-{name}-{_tag}";
        var inside = $"nb{name}{_tag}";
        var outside = $"nb{name}{_tag}o";
        if (outside.Length > 15) throw new InvalidOperationException("interface name too long");
        Run("ip", "netns", "add", ns);
        _namespaces.Add(ns);
        Run("ip", "link", "add", inside, "type", "veth", "peer", "name", outside);
        Run("ip", "link", "set", inside, "netns", ns);
        Run("ip", "link", "set", outside, "master", Bridge, "up");
        Run("ip", "-n", ns, "link", "set", "lo", "up");
        Run("ip", "-n", ns, "addr", "add", address, "dev", inside);
        Run("ip", "-n", ns, "link", "set", inside, "up");
        return ns;
    }

    public static string Run(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var p = Process.Start(info)!;
        var output = p.StandardOutput.ReadToEnd();
        var error = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', args)}: {error.Trim()}");
        return output;
    }

    public void Dispose()
    {
        // Deleting a namespace takes its veth end, and with it the peer on the bridge.
        foreach (var ns in _namespaces)
        {
            try { Run("ip", "netns", "del", ns); } catch (InvalidOperationException) { }
        }
        try { Run("ip", "link", "del", Bridge); } catch (InvalidOperationException) { }
    }
}
