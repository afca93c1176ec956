using SecureLink.WebRtc.Dtls;
using SecureLink.WebRtc.Transport;
using static SecureLink.WebRtc.Dtls.Tests.TestSupport;

namespace SecureLink.WebRtc.Dtls.Tests;

/// <summary>
/// The exact losses that stalled BouncyCastle's handshake, made deterministic: each test drops
/// chosen datagrams once and proves the handshake still finishes well inside its timeout.
/// </summary>
public sealed class SurgicalLossTests
{
    private static readonly DtlsOptions Options = new() { HandshakeTimeout = TimeSpan.FromSeconds(15) };

    [Fact]
    public async Task Lost_certificate_verify_behind_an_arriving_change_cipher_spec_does_not_deadlock_the_server()
    {
        var (a, b) = DatagramPipe.Create();
        // Drop the client's first CertificateVerify (handshake type 15): the server then sees
        // ChangeCipherSpec before it, which used to switch its epoch and drop every retransmission.
        var client = new DroppingTransport(a, d => d[0] == 22 && d[3] == 0 && d[4] == 0 && d.Length > 13 && d[13] == 15, times: 1);
        var started = System.Diagnostics.Stopwatch.StartNew();
        var (c, s) = await ConnectPairAsync(client, b, Options, Options);
        await using (c)
        await using (s)
        {
            Assert.Equal(1, client.Dropped);
            Assert.True(started.Elapsed < TimeSpan.FromSeconds(10), $"took {started.Elapsed}");
            await AssertRoundTripAsync(c, s, "after a lost CertificateVerify");
        }
    }

    [Fact]
    public async Task Reordered_change_cipher_spec_before_certificate_verify_does_not_deadlock_the_server()
    {
        var (a, b) = DatagramPipe.Create();
        var client = new SwappingTransport(a, d => d[0] == 22 && d[3] == 0 && d[4] == 0 && d.Length > 13 && d[13] == 15);
        var (c, s) = await ConnectPairAsync(client, b, Options, Options);
        await using (c)
        await using (s)
        {
            Assert.True(client.Swapped);
            await AssertRoundTripAsync(c, s, "after reordering");
        }
    }

    [Fact]
    public async Task Lost_final_server_flight_is_resent_when_the_client_retransmits()
    {
        var (a, b) = DatagramPipe.Create();
        // Drop the server's ChangeCipherSpec and Finished (its whole last flight) three times.
        var server = new DroppingTransport(b, d => d[0] == 20 || (d[0] == 22 && d[3] == 0 && d[4] == 1), times: 6);
        var started = System.Diagnostics.Stopwatch.StartNew();
        var (c, s) = await ConnectPairAsync(a, server, Options, Options);
        await using (c)
        await using (s)
        {
            Assert.Equal(6, server.Dropped);
            Assert.True(s.DatagramsReplayed > 0, "the server answered with its final flight itself");
            Assert.True(started.Elapsed < TimeSpan.FromSeconds(12), $"took {started.Elapsed}");
            await AssertRoundTripAsync(c, s, "after a lost final flight");
        }
    }
}

/// <summary>Drops the first <paramref name="times"/> datagrams matching a predicate.</summary>
internal sealed class DroppingTransport(IDatagramTransport inner, Func<byte[], bool> match, int times) : IDatagramTransport
{
    private int _dropped;
    public int Dropped => _dropped;
    public int MaxDatagramSize => inner.MaxDatagramSize;

    public ValueTask SendAsync(ReadOnlyMemory<byte> datagram, CancellationToken cancellationToken = default)
    {
        var bytes = datagram.ToArray();
        if (_dropped < times && match(bytes))
        {
            Interlocked.Increment(ref _dropped);
            return ValueTask.CompletedTask;
        }
        return inner.SendAsync(datagram, cancellationToken);
    }

    public ValueTask<int> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReceiveAsync(buffer, cancellationToken);
    public ValueTask DisposeAsync() => inner.DisposeAsync();
}

/// <summary>Holds the first matching datagram back until the next two have been sent.</summary>
internal sealed class SwappingTransport(IDatagramTransport inner, Func<byte[], bool> match) : IDatagramTransport
{
    private byte[]? _held;
    private int _after;
    public bool Swapped { get; private set; }
    public int MaxDatagramSize => inner.MaxDatagramSize;

    public async ValueTask SendAsync(ReadOnlyMemory<byte> datagram, CancellationToken cancellationToken = default)
    {
        var bytes = datagram.ToArray();
        if (!Swapped && _held is null && match(bytes))
        {
            _held = bytes;
            return;
        }
        await inner.SendAsync(bytes, cancellationToken);
        if (_held is not null && ++_after == 2)
        {
            await inner.SendAsync(_held, cancellationToken);
            _held = null;
            Swapped = true;
        }
    }

    public ValueTask<int> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReceiveAsync(buffer, cancellationToken);
    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
