using SecureLink.Host.Tests.Support;

namespace SecureLink.Host.Tests.Terminal;

/// <summary>
/// "Two securelink-host chat processes in tmux complete a room": each runs in a real terminal
/// (a tmux window), and the test plays the two people, copying the invite, PIN and reply between
/// the screens by reading them and typing. Run under tests/tools/isolated.sh: the tmux server is
/// started by this test, so it and the hosts it runs are in the test's network namespace.
/// </summary>
public sealed class TmuxChatTests
{
    [TmuxFact(Timeout = 120_000)]
    public async Task Two_chat_processes_in_tmux_complete_a_room_talk_both_ways_and_leave()
    {
        var work = Directory.CreateTempSubdirectory("securelink-tmux-");
        var tmux = new Tmux();
        try
        {
            tmux.NewSession("creator", ChatCommand("create", Path.Combine(work.FullName, "creator.err")));
            tmux.NewWindow("joiner", ChatCommand("join", Path.Combine(work.FullName, "joiner.err")));

            var invite = await tmux.LineAsync("creator", "invite: ");
            var pin = await tmux.LineAsync("creator", "pin: ");
            Assert.Matches("^[0-9]{4,8}$", pin);
            await tmux.LineAsync("creator", "reply?");
            await tmux.LineAsync("joiner", "invite?");
            tmux.TypeLine("joiner", invite);
            await tmux.LineAsync("joiner", "pin?");
            tmux.TypeLine("joiner", pin);
            var reply = await tmux.LineAsync("joiner", "reply: ");
            tmux.TypeLine("creator", reply);

            await tmux.LineAsync("creator", "state: verified");
            await tmux.LineAsync("joiner", "state: verified");
            var code = await tmux.LineAsync("creator", "safety code: ");
            Assert.False(string.IsNullOrEmpty(code));
            Assert.Equal(code, await tmux.LineAsync("joiner", "safety code: "));

            tmux.TypeLine("creator", "hello from the creator's terminal");
            Assert.Equal("hello from the creator's terminal", await tmux.LineAsync("joiner", "peer: "));
            tmux.TypeLine("joiner", "and back from the joiner's");
            Assert.Equal("and back from the joiner's", await tmux.LineAsync("creator", "peer: "));

            tmux.TypeLine("joiner", "/leave");
            Assert.Equal("(left)", await tmux.LineAsync("joiner", "state: closed"));
            Assert.Equal("(peer_left)", await tmux.LineAsync("creator", "state: closed"));
            Assert.Equal("0", await tmux.LineAsync("joiner", "exit: "));
            Assert.Equal("0", await tmux.LineAsync("creator", "exit: "));
            Assert.Equal("", File.ReadAllText(Path.Combine(work.FullName, "creator.err")));
            Assert.Equal("", File.ReadAllText(Path.Combine(work.FullName, "joiner.err")));
        }
        finally
        {
            tmux.Dispose(); // kill-server first: the windows hold the hosts and the files below
            work.Delete(recursive: true);
        }
    }

    /// <summary>
    /// The host in a terminal with logging off and stderr kept aside; the window stays open after
    /// the host exits (sleep) so its exit code can be read from the screen.
    /// </summary>
    private static string ChatCommand(string verb, string stderrFile) =>
        $"env -u SECURELINK_LOG {Quote(HostProcess.DotnetPath)} {Quote(HostProcess.HostDll)} chat {verb} 2>{Quote(stderrFile)}; echo \"exit: $?\"; sleep 600";

    private static string Quote(string s) => "'" + s.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
