using System.Text.Json;
using SecureLink.Host.Tests.Rooms;
using SecureLink.Host.Tests.Support;

namespace SecureLink.Network.Bed;

/// <summary>
/// A real securelink-host process (the built securelink-host.dll) started inside a peer's
/// namespace with <c>ip netns exec</c>. The driving (frames, requests by id, events in arrival
/// order) is the shared test client <see cref="HostPeer"/>, linked from Host.Tests; this keeps the
/// bed's vocabulary on top of it: timed events, the namespace, NB_LOG, kill.
/// </summary>
public sealed class NetHost : IAsyncDisposable
{
    private readonly HostPeer _peer;

    /// <param name="ns">The peer namespace the host runs in.</param>
    /// <param name="log">SECURELINK_LOG for this host; by default NB_LOG's value, so a failing scenario can be rerun with logs.</param>
    public NetHost(Netns ns, string? log = null)
    {
        Namespace = ns;
        _peer = new HostPeer(log ?? Environment.GetEnvironmentVariable("NB_LOG"), launcher: ["ip", "netns", "exec", ns.Name]);
    }

    public Netns Namespace { get; }

    public static string HostDll => HostProcess.HostDll;

    /// <summary>The dotnet executable that runs the host.</summary>
    public static string Dotnet => HostProcess.DotnetPath;

    public string Stderr => _peer.Stderr;

    public IReadOnlyList<HostEvent> Seen => _peer.Timeline;

    /// <summary>Sends a request; <paramref name="fields"/> is the JSON of the extra members (no braces).</summary>
    public Task<JsonElement> RequestAsync(string type, string fields = "", int seconds = 30) => _peer.RequestAsync(type, fields, seconds);

    public Task<JsonElement> OkAsync(string type, string fields = "") => _peer.OkAsync(type, fields);

    /// <summary>The next event named <paramref name="name"/> that matches, skipping others.</summary>
    public Task<HostEvent> EventAsync(string name, Func<HostEvent, bool>? match = null, double seconds = 40) => _peer.TimedEventAsync(name, match, seconds);

    public Task<HostEvent> StateAsync(string state, double seconds = 40) => EventAsync("room.state", e => e.Str("state") == state, seconds);

    /// <summary>Closes stdin (the browser went away) and returns the exit code.</summary>
    public async Task<int> ExitAsync() => (await _peer.ExitAsync()).ExitCode;

    public void Kill() => _peer.Process.Kill();

    public ValueTask DisposeAsync() => _peer.DisposeAsync();
}
