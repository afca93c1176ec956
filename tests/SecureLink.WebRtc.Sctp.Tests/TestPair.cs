using SecureLink.WebRtc.DataChannels;
using SecureLink.WebRtc.Sctp;
using SecureLink.WebRtc.Transport;

namespace SecureLink.WebRtc.Sctp.Tests;

/// <summary>Two associations over an in-memory pipe, and the helpers every test uses (all bounded in time).</summary>
internal sealed class TestPair : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    public required SctpAssociation Client { get; init; }
    public required SctpAssociation Server { get; init; }
    public required IDatagramTransport ClientTransport { get; init; }
    public required IDatagramTransport ServerTransport { get; init; }
    public DataChannelManager? ClientChannels { get; set; }
    public DataChannelManager? ServerChannels { get; set; }

    public static async Task<TestPair> ConnectAsync(PipeImpairment? clientToServer = null, PipeImpairment? serverToClient = null,
        bool bothClients = false, Func<SctpOptions, SctpOptions>? tweak = null, IDatagramTransport? clientLower = null, IDatagramTransport? serverLower = null)
    {
        var (a, b) = DatagramPipe.Create(clientToServer, serverToClient);
        var ta = clientLower ?? a;
        var tb = serverLower ?? b;
        tweak ??= o => o;
        using var cts = new CancellationTokenSource(Timeout);
        var server = SctpAssociation.ConnectAsync(tb, tweak(new SctpOptions { IsClient = bothClients, RemoteMaxMessageSize = 262144 }), cts.Token);
        var client = SctpAssociation.ConnectAsync(ta, tweak(new SctpOptions { IsClient = true, RemoteMaxMessageSize = 262144 }), cts.Token);
        await Task.WhenAll(server, client);
        return new TestPair { Client = await client, Server = await server, ClientTransport = ta, ServerTransport = tb };
    }

    public static async Task<TestPair> WithChannelsAsync(PipeImpairment? clientToServer = null, PipeImpairment? serverToClient = null,
        ILog? clientLog = null, ILog? serverLog = null)
    {
        var pair = await ConnectAsync(clientToServer, serverToClient, tweak: o => new SctpOptions
        {
            IsClient = o.IsClient, RemoteMaxMessageSize = o.RemoteMaxMessageSize, Log = (o.IsClient ? clientLog : serverLog) ?? NullLog.Instance,
        });
        pair.ClientChannels = new DataChannelManager(pair.Client, isDtlsClient: true);
        pair.ServerChannels = new DataChannelManager(pair.Server, isDtlsClient: false);
        return pair;
    }

    /// <summary>Opens a channel from the client and returns both ends, the server's as announced by ChannelOpened.</summary>
    public async Task<(DataChannel Local, DataChannel Remote)> OpenChannelAsync(string label, DataChannelOptions? options = null, bool fromServer = false)
    {
        var opener = fromServer ? ServerChannels! : ClientChannels!;
        var acceptor = fromServer ? ClientChannels! : ServerChannels!;
        var remote = new TaskCompletionSource<DataChannel>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnOpened(DataChannel c)
        {
            if (c.Label == label) remote.TrySetResult(c);
        }
        acceptor.ChannelOpened += OnOpened;
        var local = await opener.CreateChannelAsync(label, options).WaitAsync(Timeout);
        var r = await remote.Task.WaitAsync(Timeout);
        acceptor.ChannelOpened -= OnOpened;
        return (local, r);
    }

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(Client.DisposeAsync().AsTask(), Server.DisposeAsync().AsTask()).WaitAsync(Timeout);
        await ClientTransport.DisposeAsync();
        await ServerTransport.DisposeAsync();
    }
}

/// <summary>Collects a channel's messages and completes when the expected number arrived.</summary>
internal sealed class MessageCollector
{
    private readonly List<DataChannelMessage> _messages = [];
    private readonly int _expected;
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public MessageCollector(DataChannel channel, int expected)
    {
        _expected = expected;
        channel.MessageReceived += m =>
        {
            lock (_messages)
            {
                _messages.Add(m);
                if (_messages.Count >= _expected) _done.TrySetResult();
            }
        };
        if (expected == 0) _done.TrySetResult();
    }

    public async Task<List<DataChannelMessage>> WaitAsync(TimeSpan? timeout = null)
    {
        await _done.Task.WaitAsync(timeout ?? TestPair.Timeout);
        lock (_messages) return [.. _messages];
    }
}
