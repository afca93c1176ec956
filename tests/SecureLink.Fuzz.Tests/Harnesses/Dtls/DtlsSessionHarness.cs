using SecureLink.WebRtc.Dtls;
using SecureLink.WebRtc.Transport;

namespace SecureLink.Fuzz.Tests.Harnesses.Dtls;

/// <summary>
/// Records injected into a live DTLS session, as an off-path attacker (or a broken middlebox)
/// would: the input (<see cref="DatagramList"/>) goes to both ends of an established session as
/// if it came from the other end, and the session must still carry a message each way afterwards.
/// Without the keys nothing may close it (a forged alert, a short record, a ClientHello, garbage).
/// The session is kept across inputs (a handshake per input would measure the handshake); a run
/// that kills it is the finding, and the next run starts a fresh one.
/// </summary>
public static class DtlsSessionHarness
{
    private static readonly object Gate = new();
    private static Session? _session;
    private static long _pings;

    public static void Run(ReadOnlySpan<byte> data)
    {
        var datagrams = DatagramList.Split(data);
        lock (Gate)
        {
            var s = _session ??= Session.Open();
            foreach (var d in datagrams)
            {
                s.ClientLink.Inject(d);
                s.ServerLink.Inject(d);
            }
            var failure = s.Ping(++_pings);
            if (failure is not null)
            {
                _session = null;
                s.Dispose();
                throw new FuzzInvariantException(failure);
            }
        }
    }

    /// <summary>Genuine protected records of an established session (seeds): what the server sent after its handshake.</summary>
    public static List<byte[]> RecordApplicationRecords()
    {
        using var s = Session.Open(record: true);
        s.Ping(1);
        s.Ping(2);
        return s.ServerLink.Sent.Where(d => d.Length > 0 && d[0] == 23).ToList();
    }

    private sealed class Session : IDisposable
    {
        private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);
        private readonly DtlsCertificate _clientCert;
        private readonly DtlsCertificate _serverCert;
        private readonly DtlsTransport _client;
        private readonly DtlsTransport _server;
        private readonly byte[] _buffer = new byte[20000];

        private Session(DtlsCertificate clientCert, DtlsCertificate serverCert, RecordingTransport clientLink, RecordingTransport serverLink, DtlsTransport client, DtlsTransport server)
        {
            (_clientCert, _serverCert, ClientLink, ServerLink, _client, _server) = (clientCert, serverCert, clientLink, serverLink, client, server);
        }

        public RecordingTransport ClientLink { get; }

        public RecordingTransport ServerLink { get; }

        public static Session Open(bool record = false)
        {
            var (a, b) = DatagramPipe.Create();
            var clientLink = new RecordingTransport(a);
            var serverLink = new RecordingTransport(b);
            var clientCert = DtlsCertificate.Generate();
            var serverCert = DtlsCertificate.Generate();
            var options = new DtlsOptions { SrtpProfiles = [SrtpProtectionProfile.AeadAes128Gcm] };
            var s = DtlsTransport.ConnectAsync(serverLink, DtlsRole.Server, serverCert, clientCert.Fingerprint, options, CancellationToken.None);
            var c = DtlsTransport.ConnectAsync(clientLink, DtlsRole.Client, clientCert, serverCert.Fingerprint, options, CancellationToken.None);
            Task.WaitAll(s, c);
            if (!record)
            {
                clientLink.StopRecording();
                serverLink.StopRecording();
            }
            else
            {
                serverLink.Sent.Clear(); // keep only what follows the handshake
            }
            return new Session(clientCert, serverCert, clientLink, serverLink, c.Result, s.Result);
        }

        /// <summary>Null when a message went each way; otherwise what went wrong.</summary>
        public string? Ping(long n)
        {
            var message = System.Text.Encoding.ASCII.GetBytes($"ping {n}");
            return OneWay(_server, _client, message, "server to client") ?? OneWay(_client, _server, message, "client to server");
        }

        private string? OneWay(DtlsTransport from, DtlsTransport to, byte[] message, string direction)
        {
            if (from.IsClosed || to.IsClosed) return $"The session closed after the injected datagrams: {from.CloseReason ?? to.CloseReason}.";
            try
            {
                from.SendAsync(message).AsTask().GetAwaiter().GetResult();
                using var timeout = new CancellationTokenSource(Wait);
                while (true)
                {
                    var n = to.ReceiveAsync(_buffer, timeout.Token).AsTask().GetAwaiter().GetResult();
                    if (_buffer.AsSpan(0, n).SequenceEqual(message)) return null;
                }
            }
            catch (TransportClosedException)
            {
                return $"The session closed after the injected datagrams ({direction}): {from.CloseReason ?? to.CloseReason}.";
            }
            catch (OperationCanceledException)
            {
                return $"No message got through {direction} within {Wait.TotalSeconds} s after the injected datagrams.";
            }
        }

        public void Dispose()
        {
            _client.DisposeAsync().AsTask().GetAwaiter().GetResult();
            _server.DisposeAsync().AsTask().GetAwaiter().GetResult();
            _clientCert.Dispose();
            _serverCert.Dispose();
        }
    }
}
