using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;

namespace SecureLink.Network.Bed;

/// <summary>
/// One named network namespace made for one scenario (<c>ip netns add</c>), created inside the
/// test's own isolated namespace so nothing here can reach the machine's interfaces. Names carry
/// our process id so that namespaces left by a crashed run can be recognised and removed.
/// Dispose kills every process still inside and deletes the namespace, even after a failure.
/// </summary>
public sealed class Netns : IDisposable
{
    private const string Prefix = "nb";
    private bool _disposed;

    private Netns(string name) => Name = name;

    public string Name { get; }

    /// <summary>A fresh namespace with <c>lo</c> up; <paramref name="role"/> is a short tag for people reading <c>ip netns</c>.</summary>
    public static Netns Create(string role)
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"{Prefix}{Environment.ProcessId}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}-{role}");
        Sh.Run("ip", "netns", "add", name);
        var ns = new Netns(name);
        try
        {
            ns.Ip("link", "set", "lo", "up");
        }
        catch
        {
            ns.Dispose();
            throw;
        }
        return ns;
    }

    /// <summary>Removes namespaces of ours whose creating process is gone (a run that was killed cannot clean up).</summary>
    public static void RemoveStale()
    {
        if (!Directory.Exists("/run/netns")) return;
        foreach (var path in Directory.GetFiles("/run/netns", Prefix + "*"))
        {
            var name = System.IO.Path.GetFileName(path);
            var dash = name.IndexOf('-', StringComparison.Ordinal);
            if (dash <= Prefix.Length || !int.TryParse(name.AsSpan(Prefix.Length, dash - Prefix.Length), CultureInfo.InvariantCulture, out var pid)) continue;
            if (Directory.Exists($"/proc/{pid}")) continue;
            KillAll(name);
            Sh.Try("ip", "netns", "del", name);
        }
    }

    /// <summary><c>ip -n NAME ...</c></summary>
    public string Ip(params string[] args) => Sh.Run("ip", ["-n", Name, .. args]);

    /// <summary>Runs a command inside the namespace and returns its stdout.</summary>
    public string Exec(params string[] command) => Sh.Run("ip", ["netns", "exec", Name, .. command]);

    /// <summary>Loads an nftables script (<c>nft -f -</c>) inside the namespace.</summary>
    public void Nft(string script) => Sh.Run("ip", ["netns", "exec", Name, "nft", "-f", "-"], script);

    public void Sysctl(string key, string value) => Exec("sysctl", "-qw", $"{key}={value}");

    /// <summary>The start info for a long-running process inside the namespace (ip netns exec execs it, so the pid is the program's).</summary>
    public ProcessStartInfo StartInfo(string file, params string[] args)
    {
        var info = new ProcessStartInfo("ip")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "netns", "exec", Name, file }.Concat(args)) info.ArgumentList.Add(a);
        return info;
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        KillAll(Name);
        Sh.Try("ip", "netns", "del", Name);
    }

    private static void KillAll(string name)
    {
        string pids;
        try { pids = Sh.Run("ip", ["netns", "pids", name], check: false); }
        catch (Exception) { return; }
        foreach (var pid in pids.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            try
            {
                using var p = Process.GetProcessById(int.Parse(pid, CultureInfo.InvariantCulture));
                p.Kill(entireProcessTree: true);
                p.WaitForExit(2000);
            }
            catch (Exception) { /* already gone */ }
        }
    }
}
