using System.Globalization;
using System.Net;
using System.Net.Sockets;
using SecureLink.WebRtc.Stun;
using SecureLink.WebRtc.Transport;

namespace SecureLink.WebRtc.Ice;

/// <summary>Gathering (RFC 8445 §5.1.1): a host candidate per usable local address, server-reflexive ones from configured STUN servers only.</summary>
public sealed partial class IceAgent
{
    private readonly Dictionary<LocalSocket, StunBindingClient> _stunClients = [];
    private readonly Dictionary<string, string> _foundations = [];

    /// <summary>
    /// Binds one UDP socket per usable local address and returns the host candidates, plus
    /// server-reflexive ones when STUN servers are configured (waiting at most GatherTimeout).
    /// Calling it again returns the same list.
    /// </summary>
    public async Task<IReadOnlyList<IceCandidate>> GatherAsync(CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        await _gatherGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_localCandidates is not null) return _localCandidates;
            var sockets = BindSockets();
            var hosts = new List<IceCandidate>();
            foreach (var s in sockets)
            {
                s.HostCandidate = new IceCandidate(FoundationFor("host", s.LocalEndPoint.Address, null), 1, "udp",
                    IcePriority.Candidate(IceCandidateType.Host, s.LocalPreference), s.LocalEndPoint.Address.ToString(),
                    s.LocalEndPoint.Port, IceCandidateType.Host);
                hosts.Add(s.HostCandidate);
                if (_options.StunServers.Count > 0)
                {
                    var socket = s;
                    _stunClients[s] = new StunBindingClient((bytes, to) => { socket.Send(bytes, to); return ValueTask.CompletedTask; },
                        _options.StunRetransmission);
                }
            }
            lock (_backgroundTasks)
            {
                if (_disposed != 0)
                {
                    foreach (var s in sockets) s.Dispose();
                    throw new ObjectDisposedException(nameof(IceAgent));
                }
                _sockets = sockets;
                foreach (var s in sockets) StartBackground(() => s.ReceiveLoopAsync(OnDatagram, _cts.Token));
                StartBackground(LoopAsync);
                StartBackground(TickerAsync);
            }
            Log(LogLevel.Info, $"gathered {hosts.Count} host candidates: {string.Join(", ", hosts.Select(h => h.Address + ":" + h.Port))}");

            var srflx = _options.StunServers.Count == 0 ? [] : await GatherServerReflexiveAsync(sockets, ct).ConfigureAwait(false);
            HadServerReflexiveCandidates = srflx.Count > 0;
            _localCandidates = [.. hosts, .. srflx];
            return _localCandidates;
        }
        finally
        {
            _gatherGate.Release();
        }
    }

    private int PortFor(IPAddress address) =>
        _options.LocalPorts is { } ports && ports.TryGetValue(address, out var port) ? port : 0;

    private List<LocalSocket> BindSockets()
    {
        var addresses = LocalAddresses.Enumerate(_options);
        var sockets = new List<LocalSocket>();
        foreach (var address in addresses)
        {
            try
            {
                // Unique local preference per address, IPv6 (listed first) highest.
                sockets.Add(new LocalSocket(address, sockets.Count, PortFor(address)) { LocalPreference = 65535 - sockets.Count });
            }
            catch (SocketException e)
            {
                Log(LogLevel.Error, $"cannot bind UDP on {address}: {e.SocketErrorCode}");
            }
        }
        return sockets;
    }

    private async Task<List<IceCandidate>> GatherServerReflexiveAsync(List<LocalSocket> sockets, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct, _cts.Token);
        timeout.CancelAfter(_options.GatherTimeout);
        var queries = new List<Task<IceCandidate?>>();
        foreach (var entry in _options.StunServers)
        {
            IReadOnlyList<IPEndPoint> servers;
            try
            {
                servers = await ResolveStunServerAsync(entry, timeout.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is FormatException or SocketException or OperationCanceledException)
            {
                Log(LogLevel.Error, $"STUN server \"{entry}\" skipped: {e.Message}");
                continue;
            }
            foreach (var server in servers)
                foreach (var s in sockets.Where(s => s.Family == server.AddressFamily && IPAddress.IsLoopback(s.LocalEndPoint.Address) == IPAddress.IsLoopback(server.Address)))
                    queries.Add(QueryOneAsync(s, server, timeout.Token));
        }
        var results = await Task.WhenAll(queries).ConfigureAwait(false);
        var list = new List<IceCandidate>();
        foreach (var c in results)
            if (c is not null && !list.Any(x => x.Address == c.Address && x.Port == c.Port)) list.Add(c);
        return list;
    }

    private async Task<IceCandidate?> QueryOneAsync(LocalSocket socket, IPEndPoint server, CancellationToken ct)
    {
        try
        {
            var mapped = await _stunClients[socket].QueryAsync(server, ct).ConfigureAwait(false);
            if (mapped.Address.IsIPv4MappedToIPv6) mapped = new IPEndPoint(mapped.Address.MapToIPv4(), mapped.Port);
            // RFC 8445 §5.1.3: a reflexive address equal to its base is redundant.
            if (CandidatePair.EndPointsEqual(mapped, socket.LocalEndPoint)) return null;
            Log(LogLevel.Info, $"server-reflexive {mapped} for {socket.LocalEndPoint} via {server}");
            return new IceCandidate(FoundationFor("srflx", socket.LocalEndPoint.Address, server.Address), 1, "udp",
                IcePriority.Candidate(IceCandidateType.ServerReflexive, socket.LocalPreference), mapped.Address.ToString(), mapped.Port,
                IceCandidateType.ServerReflexive, socket.LocalEndPoint.Address.ToString(), socket.LocalEndPoint.Port);
        }
        catch (Exception e) when (e is StunTimeoutException or OperationCanceledException)
        {
            Log(LogLevel.Info, $"no server-reflexive address for {socket.LocalEndPoint} via {server}: {e.Message}");
            return null;
        }
    }

    /// <summary>
    /// "stun:host:port", "host:port", "[v6]:port", a bare IPv6 literal or a bare host (port 3478).
    /// IP literals are used as they are; only a configured host name is looked up in DNS.
    /// </summary>
    internal static async Task<IReadOnlyList<IPEndPoint>> ResolveStunServerAsync(string entry, CancellationToken ct)
    {
        var (host, port) = ParseStunServer(entry);
        if (IPAddress.TryParse(host, out var literal)) return [new IPEndPoint(literal, port)];
        var addresses = await Dns.GetHostAddressesAsync(host, ct).ConfigureAwait(false);
        return [.. addresses.Select(a => new IPEndPoint(a, port))];
    }

    internal static (string Host, int Port) ParseStunServer(string entry)
    {
        var s = entry.Trim();
        if (s.StartsWith("stun:", StringComparison.OrdinalIgnoreCase)) s = s[5..];
        else if (s.Contains("://", StringComparison.Ordinal) || s.StartsWith("stuns:", StringComparison.OrdinalIgnoreCase) || s.StartsWith("turn", StringComparison.OrdinalIgnoreCase))
            throw new FormatException($"\"{entry}\" is not a plain STUN server (expected host:port or stun:host:port).");
        var q = s.IndexOf('?');
        if (q >= 0) s = s[..q];
        string host;
        var port = 3478;
        if (s.StartsWith('['))
        {
            var close = s.IndexOf(']');
            if (close < 0) throw new FormatException($"\"{entry}\" has an unclosed '['.");
            host = s[1..close];
            var rest = s[(close + 1)..];
            if (rest.Length > 0)
            {
                if (rest[0] != ':') throw new FormatException($"\"{entry}\" has text after ']' that is not a port.");
                port = ParsePort(rest[1..], entry);
            }
        }
        else if (s.Count(c => c == ':') == 1)
        {
            var colon = s.IndexOf(':');
            host = s[..colon];
            port = ParsePort(s[(colon + 1)..], entry);
        }
        else
        {
            host = s; // bare host, or a bare IPv6 literal
        }
        if (host.Length == 0) throw new FormatException($"\"{entry}\" names no host.");
        return (host, port);
    }

    private static int ParsePort(string s, string entry) =>
        int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p is > 0 and <= 65535
            ? p : throw new FormatException($"\"{entry}\" has no valid port (1–65535).");

    /// <summary>RFC 8445 §5.1.1.3: same type, base address, server and transport ⇒ same foundation.</summary>
    private string FoundationFor(string type, IPAddress baseAddress, IPAddress? server)
    {
        var key = $"{type}|{baseAddress}|{server}";
        if (!_foundations.TryGetValue(key, out var f))
        {
            f = (_foundations.Count + 1).ToString(CultureInfo.InvariantCulture);
            _foundations[key] = f;
        }
        return f;
    }
}
