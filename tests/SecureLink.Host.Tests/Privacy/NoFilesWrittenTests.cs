using System.Text.RegularExpressions;

namespace SecureLink.Host.Tests.Privacy;

/// <summary>
/// "During a whole session no file is created or changed under the profiles, HOME or /tmp by the
/// host." Two real hosts, each with its own empty HOME and TMPDIR, run a whole room; afterwards
/// both HOMEs and both TMPDIRs must be exactly as empty as before, and /tmp must hold nothing new
/// that names either host's PID. Run under tests/tools/isolated.sh.
/// </summary>
/// <remarks>
/// Why not simply diff all of /tmp: other engineers' builds and tests write there all the time, so
/// a whole-/tmp diff would fail for reasons that are not ours. Each host gets an empty TMPDIR
/// instead, which the .NET runtime and our code use for every temporary file; that folder is
/// compared exactly, and /tmp itself is checked for new entries naming the hosts' PIDs (the
/// runtime names its per-process files dotnet-diagnostic-PID-…, clr-debug-pipe-PID-…), which is
/// how anything that ignored TMPDIR and still wrote per-process files would show.
///
/// Known residual, measured with .NET 10.0.12: while it runs, the runtime keeps its diagnostic IPC
/// socket (dotnet-diagnostic-PID-KEY-socket) and its debugger pipes (clr-debug-pipe-PID-KEY-in/out)
/// in TMPDIR; they hold no data (a socket and two FIFOs) and are unlinked at exit. Only the
/// DOTNET_EnableDiagnostics=0 environment variable removes them: the diagnostic server reads its
/// switch from the environment alone, and no runtimeconfig.json knob (System.Runtime.EnableDiagnostics,
/// EnableDiagnostics, EnableDiagnostics_IPC and variants were tried) has any effect. The browser
/// starts the host from its manifest path with no environment of ours, so the mid-session check
/// allows exactly these three names for the host's own PID, empty, and nothing else.
/// </remarks>
public sealed class NoFilesWrittenTests
{
    private const string CreatorText = "TEXT-privacy-creator-never-stored";
    private const string JoinerText = "TEXT-privacy-joiner-never-stored";

    [Fact(Timeout = 120_000)]
    public async Task A_whole_session_writes_nothing_under_home_tmpdir_or_tmp_and_nothing_to_stderr()
    {
        var root = Directory.CreateTempSubdirectory("securelink-privacy-");
        try
        {
            var homes = new[] { Path.Combine(root.FullName, "home-creator"), Path.Combine(root.FullName, "home-joiner") };
            var tmps = new[] { Path.Combine(root.FullName, "tmp-creator"), Path.Combine(root.FullName, "tmp-joiner") };
            foreach (var d in homes.Concat(tmps)) Directory.CreateDirectory(d);
            var tmpBefore = FileSnapshot.Take("/tmp", recursive: false);

            int creatorPid, joinerPid;
            string creatorErr, joinerErr;
            await using (var creator = new ConfinedHost(homes[0], tmps[0]))
            await using (var joiner = new ConfinedHost(homes[1], tmps[1]))
            {
                (creatorPid, joinerPid) = (creator.Pid, joiner.Pid);
                var created = await creator.OkAsync("room.create", "\"mode\":\"offline\",\"pinDigits\":6");
                var pin = created.GetProperty("pin").GetString()!;
                var joined = await joiner.OkAsync("room.join", $"\"invite\":\"{created.GetProperty("invite").GetString()}\",\"pin\":\"{pin}\"");
                await creator.OkAsync("room.accept", $"\"reply\":\"{joined.GetProperty("reply").GetString()}\"");
                await creator.StateAsync("verified");
                await joiner.StateAsync("verified");

                await creator.OkAsync("chat.send", $"\"text\":\"{CreatorText}\"");
                await creator.EventAsync("chat.receipt"); // EventAsync skips what it passes, so in arrival order
                Assert.Equal(CreatorText, (await joiner.EventAsync("chat.message", e => e.GetProperty("from").GetString() == "peer")).GetProperty("text").GetString());
                await joiner.OkAsync("chat.send", $"\"text\":\"{JoinerText}\"");
                await joiner.EventAsync("chat.receipt");
                Assert.Equal(JoinerText, (await creator.EventAsync("chat.message", e => e.GetProperty("from").GetString() == "peer")).GetProperty("text").GetString());

                // Mid-session, while messages exist in memory: the only thing allowed in a TMPDIR is
                // the runtime's empty per-process IPC entries (see remarks), nothing in a HOME.
                AssertOnlyRuntimeIpc(tmps[0], creator.Pid);
                AssertOnlyRuntimeIpc(tmps[1], joiner.Pid);
                foreach (var home in homes) Assert.Empty(FileSnapshot.Take(home, recursive: true));

                await joiner.OkAsync("room.leave");
                Assert.Equal("peer_left", (await creator.StateAsync("closed")).GetProperty("reasonCode").GetString());
                Assert.Equal(0, await creator.ExitAsync());
                Assert.Equal(0, await joiner.ExitAsync());
                creatorErr = await creator.Stderr.WaitAsync(TimeSpan.FromSeconds(10));
                joinerErr = await joiner.Stderr.WaitAsync(TimeSpan.FromSeconds(10));
            }

            Assert.Equal("", creatorErr); // logging is off unless SECURELINK_LOG asks
            Assert.Equal("", joinerErr);
            foreach (var dir in homes.Concat(tmps))
                Assert.True(FileSnapshot.Take(dir, recursive: true).Count == 0, $"{dir} is not empty after the session: {string.Join(", ", Directory.EnumerateFileSystemEntries(dir, "*", SearchOption.AllDirectories))}");

            var newInTmp = FileSnapshot.Diff(tmpBefore, FileSnapshot.Take("/tmp", recursive: false))
                .Where(c => c.StartsWith("+ ", StringComparison.Ordinal)).ToList();
            var pids = new Regex($@"(^|\D)({creatorPid}|{joinerPid})(\D|$)");
            Assert.DoesNotContain(newInTmp, c => pids.IsMatch(Path.GetFileName(c[2..])));
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    private static void AssertOnlyRuntimeIpc(string tmp, int pid)
    {
        var allowed = new Regex($@"^(dotnet-diagnostic-{pid}-\d+-socket|clr-debug-pipe-{pid}-\d+-(in|out))$");
        foreach (var (path, state) in FileSnapshot.Take(tmp, recursive: true))
        {
            Assert.True(Path.GetDirectoryName(path) == tmp && allowed.IsMatch(Path.GetFileName(path)), $"the host wrote {path} ({state})");
            Assert.StartsWith("file 0 ", state, StringComparison.Ordinal); // a socket or FIFO, no content
        }
    }
}
