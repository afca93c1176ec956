using System.Security.Cryptography;
using System.Text;
using SecureLink.Security.Tests.Support;
using Xunit.Abstractions;

namespace SecureLink.Security.Tests.Secrets;

/// <summary>
/// Later forensics on a live machine: a real host process that had a verified room with a chat
/// both ways is dumped (full core, the runtime's createdump) right after room.leave, and the dump
/// is searched for the PIN as typed and for the chat texts, in UTF-8 and UTF-16.
/// See docs/security.md, "Secrets in memory", for what .NET lets us wipe and what it does not.
/// </summary>
public sealed class CoreDumpAfterLeaveTests(ITestOutputHelper output)
{
    [AttackFact]
    public async Task After_room_leave_a_core_dump_of_the_host_holds_neither_the_pin_nor_the_texts()
    {
        Assert.True(File.Exists(CoreDump.CreatedumpPath), $"createdump is missing at {CoreDump.CreatedumpPath}");
        // Fresh random markers, so nothing but this session can have put them in the host.
        var sent = "LEAKSENT-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        var received = "LEAKRECV-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        await using var creator = new HostPeer();
        await using var joiner = new HostPeer();
        var created = await creator.OkAsync("room.create", "\"mode\":\"offline\",\"pinDigits\":10");
        var pin = created.GetProperty("pin").GetString()!;
        var joined = await joiner.OkAsync("room.join", $"\"invite\":\"{created.GetProperty("invite").GetString()}\",\"pin\":\"{pin}\"");
        await creator.OkAsync("room.accept", $"\"reply\":\"{joined.GetProperty("reply").GetString()}\"");
        await creator.StateAsync("verified");
        await joiner.StateAsync("verified");
        for (var i = 0; i < 5; i++)
        {
            await RelayedRoom.DeliverAsync(joiner, creator, $"{sent} #{i}");
            await RelayedRoom.DeliverAsync(creator, joiner, $"{received} #{i}");
        }
        await joiner.OkAsync("room.leave");
        await creator.StateAsync("closed");
        Assert.Equal(0, (await joiner.OkAsync("state.get")).GetProperty("messages").GetArrayLength());
        await Task.Delay(500);

        using var dump = await CoreDump.TakeAsync(joiner.Process.Pid);
        var needles = new Dictionary<string, byte[]>
        {
            ["PIN (ASCII/UTF-8)"] = Encoding.ASCII.GetBytes(pin),
            ["PIN (UTF-16)"] = Encoding.Unicode.GetBytes(pin),
            ["sent text (UTF-8)"] = Encoding.UTF8.GetBytes(sent),
            ["sent text (UTF-16)"] = Encoding.Unicode.GetBytes(sent),
            ["received text (UTF-8)"] = Encoding.UTF8.GetBytes(received),
            ["received text (UTF-16)"] = Encoding.Unicode.GetBytes(received),
        };
        var counts = dump.Count(needles);
        output.WriteLine($"full core dump of the joiner host after room.leave: {dump.Length / (1024 * 1024)} MiB");
        foreach (var (name, n) in counts) output.WriteLine($"  {name}: {n}");
        // Before RoomHost released the freed memory on leave this dump held the PIN 3 times and
        // the texts 38 times; now the PIN and every UTF-16 string are gone. A UTF-8 copy of the
        // last message can survive in a transport buffer still in use (measured: 0 or 1).
        Assert.Equal(0, counts["PIN (ASCII/UTF-8)"]);
        Assert.Equal(0, counts["PIN (UTF-16)"]);
        Assert.Equal(0, counts["sent text (UTF-16)"]);
        Assert.Equal(0, counts["received text (UTF-16)"]);
        Assert.InRange(counts["sent text (UTF-8)"] + counts["received text (UTF-8)"], 0, 2);
    }
}
