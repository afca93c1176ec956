using System.Net;
using SecureLink.WebRtc.Transport;

namespace SecureLink.WebRtc.Ice.Tests.Support;

/// <summary>Builds agents and wires two of them together the way an offer/answer would.</summary>
internal static class AgentHarness
{
    public static IceAgentOptions LoopbackOptions(TimeSpan? connectTimeout = null, TimeSpan? consentTimeout = null, ILog? log = null,
        TimeSpan? checkInterval = null) => new()
    {
        CheckInterval = checkInterval ?? TimeSpan.FromMilliseconds(25),
        IncludeLoopback = true,
        IncludeIPv6 = false,
        AddressFilter = a => a.Equals(IPAddress.Loopback),
        ConnectTimeout = connectTimeout ?? TimeSpan.FromSeconds(10),
        ConsentTimeout = consentTimeout ?? TimeSpan.FromSeconds(30),
        Log = log ?? NullLog.Instance,
    };

    public static IceAgentOptions OnlyAddress(IPAddress address, TimeSpan? consentTimeout = null) => new()
    {
        AddressFilter = a => a.Equals(address),
        ConnectTimeout = TimeSpan.FromSeconds(10),
        ConsentTimeout = consentTimeout ?? TimeSpan.FromSeconds(30),
    };

    /// <summary>Exchanges candidates both ways and connects; returns (transport of a, transport of b).</summary>
    public static async Task<(IDatagramTransport A, IDatagramTransport B)> ConnectAsync(IceAgent a, IceAgent b, IceRole roleOfA,
        CancellationToken ct, IceParameters? remoteForA = null, IceParameters? remoteForB = null)
    {
        foreach (var c in await b.GatherAsync(ct)) a.AddRemoteCandidate(c);
        foreach (var c in await a.GatherAsync(ct)) b.AddRemoteCandidate(c);
        var ta = a.ConnectAsync(remoteForA ?? b.LocalParameters, roleOfA, ct);
        var tb = b.ConnectAsync(remoteForB ?? a.LocalParameters, roleOfA == IceRole.Controlling ? IceRole.Controlled : IceRole.Controlling, ct);
        return (await ta, await tb);
    }

    /// <summary>Sends one datagram each way and checks it arrives intact (first byte 23: DTLS application data).</summary>
    public static async Task AssertDataFlowsAsync(IDatagramTransport a, IDatagramTransport b, CancellationToken ct)
    {
        var ping = new byte[] { 23, 1, 2, 3, 4 };
        var pong = new byte[] { 23, 9, 8, 7 };
        var buffer = new byte[1500];
        await a.SendAsync(ping, ct);
        var n = await b.ReceiveAsync(buffer, ct);
        Assert.Equal(ping, buffer[..n]);
        await b.SendAsync(pong, ct);
        n = await a.ReceiveAsync(buffer, ct);
        Assert.Equal(pong, buffer[..n]);
    }

    /// <summary>Waits until <paramref name="condition"/> holds, polling; fails after <paramref name="timeout"/>.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"Timed out waiting for: {what}");
            await Task.Delay(20);
        }
    }
}
