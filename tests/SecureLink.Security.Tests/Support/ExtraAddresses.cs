using System.Diagnostics;
using System.Net;

namespace SecureLink.Security.Tests.Support;

/// <summary>
/// More attacker addresses (198.18.0.N/32 on the veth end sl1) inside the test's own namespace,
/// removed again on dispose, so an attack can come "from many machines". Only ever 198.18.0.0/15,
/// only inside isolated.sh's namespace (the caller is an <see cref="AttackFactAttribute"/> test).
/// </summary>
public sealed class ExtraAddresses : IDisposable
{
    private readonly List<IPAddress> _added = [];

    public ExtraAddresses(int count, int first = 21)
    {
        if (AttackFactAttribute.WhyNot() is { } why) throw new InvalidOperationException(why);
        for (var i = 0; i < count; i++)
        {
            var address = IPAddress.Parse($"198.18.0.{first + i}");
            Ip("addr", "add", $"{address}/32", "dev", "sl1");
            _added.Add(address);
        }
    }

    public IReadOnlyList<IPAddress> Addresses => _added;

    public void Dispose()
    {
        foreach (var a in _added)
        {
            try { Ip("addr", "del", $"{a}/32", "dev", "sl1"); }
            catch (InvalidOperationException) { /* the namespace dies with the run anyway */ }
        }
        _added.Clear();
    }

    private static void Ip(params string[] args)
    {
        var info = new ProcessStartInfo("ip") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var p = Process.Start(info)!;
        var err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"ip {string.Join(' ', args)}: {err.Trim()}");
    }
}
