using System.Diagnostics;
using System.Threading.Channels;
using SecureLink.Host.Tests.Support;

namespace SecureLink.Host.Tests.Rooms;

/// <summary>
/// Two <c>securelink-host chat</c> processes, connected only by this test copying lines between
/// their pipes, complete a room and exchange a line each way. Run under tests/tools/isolated.sh.
/// </summary>
public sealed class TerminalChatTests
{
    private sealed class ChatProcess : IAsyncDisposable
    {
        private readonly Process _p;
        private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
        private readonly List<string> _seen = [];

        public ChatProcess(params string[] args)
        {
            var info = new ProcessStartInfo(HostProcess.DotnetPath)
            {
                RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            };
            info.ArgumentList.Add(HostProcess.HostDll);
            info.ArgumentList.Add("chat");
            foreach (var a in args) info.ArgumentList.Add(a);
            info.Environment.Remove("SECURELINK_LOG");
            _p = Process.Start(info)!;
            _ = Task.Run(async () =>
            {
                while (await _p.StandardOutput.ReadLineAsync() is { } line) _lines.Writer.TryWrite(line);
                _lines.Writer.TryComplete();
            });
            Stderr = _p.StandardError.ReadToEndAsync();
        }

        public Task<string> Stderr { get; }

        public async Task<string> LineStartingAsync(string prefix)
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(40));
            try
            {
                while (true)
                {
                    var line = await _lines.Reader.ReadAsync(cts.Token);
                    lock (_seen) _seen.Add(line);
                    if (line.StartsWith(prefix, StringComparison.Ordinal)) return line[prefix.Length..].Trim();
                }
            }
            catch (Exception e) when (e is OperationCanceledException or ChannelClosedException)
            {
                throw new TimeoutException($"no line '{prefix}…'; saw: {string.Join(" | ", _seen)}; stderr: {(Stderr.IsCompleted ? Stderr.Result : "")}");
            }
        }

        public async Task WriteLineAsync(string line)
        {
            await _p.StandardInput.WriteLineAsync(line);
            await _p.StandardInput.FlushAsync();
        }

        public async Task<int> ExitCodeAsync()
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await _p.WaitForExitAsync(cts.Token);
            return _p.ExitCode;
        }

        public async ValueTask DisposeAsync()
        {
            try { _p.StandardInput.Close(); } catch (IOException) { }
            if (!_p.WaitForExit(5000)) _p.Kill(entireProcessTree: true);
            await _p.WaitForExitAsync();
            _p.Dispose();
        }
    }

    [Fact(Timeout = 120_000)]
    public async Task Two_terminals_complete_a_room_and_exchange_lines()
    {
        await using var creator = new ChatProcess("create");
        await using var joiner = new ChatProcess("join");

        var invite = await creator.LineStartingAsync("invite:");
        var pin = await creator.LineStartingAsync("pin:");
        await creator.LineStartingAsync("reply?");
        await joiner.LineStartingAsync("invite?");
        await joiner.WriteLineAsync(invite);
        await joiner.LineStartingAsync("pin?");
        await joiner.WriteLineAsync(pin);
        var reply = await joiner.LineStartingAsync("reply:");
        await creator.WriteLineAsync(reply);

        await creator.LineStartingAsync("state: verified");
        var creatorCode = await creator.LineStartingAsync("safety code:");
        await joiner.LineStartingAsync("state: verified");
        Assert.Equal(creatorCode, await joiner.LineStartingAsync("safety code:"));

        await creator.WriteLineAsync("hello over the pipe");
        Assert.Equal("hello over the pipe", await joiner.LineStartingAsync("peer:"));
        await joiner.WriteLineAsync("and back again");
        Assert.Equal("and back again", await creator.LineStartingAsync("peer:"));

        await joiner.WriteLineAsync("/leave");
        Assert.Equal("(peer_left)", await creator.LineStartingAsync("state: closed"));
        Assert.Equal(0, await creator.ExitCodeAsync());
        Assert.Equal(0, await joiner.ExitCodeAsync());
        Assert.Equal("", await creator.Stderr);
    }
}
