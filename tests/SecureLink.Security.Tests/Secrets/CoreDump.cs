using System.Diagnostics;
using System.Runtime.InteropServices;

namespace SecureLink.Security.Tests.Secrets;

/// <summary>
/// A full core dump of a live process, written by the .NET runtime's own createdump (next to
/// libcoreclr.so in the shared runtime folder), and a search of it for byte patterns. The dump
/// holds everything the process could read in memory, which is what a forensic examiner (or
/// malware running as the user) would get.
/// </summary>
public sealed class CoreDump : IDisposable
{
    private readonly string _dir;

    private CoreDump(string dir, string file)
    {
        _dir = dir;
        File = file;
    }

    public string File { get; }

    public long Length => new FileInfo(File).Length;

    public static string CreatedumpPath =>
        Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "createdump");

    public static async Task<CoreDump> TakeAsync(int pid)
    {
        var dir = Directory.CreateTempSubdirectory("securelink-dump-").FullName;
        var file = Path.Combine(dir, "core");
        var info = new ProcessStartInfo(CreatedumpPath) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "--full", "-f", file, pid.ToString(System.Globalization.CultureInfo.InvariantCulture) }) info.ArgumentList.Add(a);
        using var p = Process.Start(info)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await p.WaitForExitAsync(cts.Token);
        if (p.ExitCode != 0 || !System.IO.File.Exists(file))
            throw new InvalidOperationException($"createdump failed ({p.ExitCode}): {await stdout} {await stderr}");
        return new CoreDump(dir, file);
    }

    /// <summary>How often each needle occurs in the dump (read in overlapping chunks, never whole).</summary>
    public Dictionary<string, int> Count(IReadOnlyDictionary<string, byte[]> needles)
    {
        var counts = needles.Keys.ToDictionary(k => k, _ => 0);
        var overlap = needles.Values.Max(n => n.Length) - 1;
        var buffer = new byte[8 << 20];
        using var stream = System.IO.File.OpenRead(File);
        var carried = 0;
        while (true)
        {
            var read = stream.Read(buffer, carried, buffer.Length - carried);
            if (read == 0) break;
            var span = buffer.AsSpan(0, carried + read);
            foreach (var (name, needle) in needles)
            {
                var at = 0;
                while (true)
                {
                    var i = span[at..].IndexOf(needle);
                    if (i < 0) break;
                    // A hit that lies wholly in the carried-over overlap was counted last round.
                    if (at + i + needle.Length > carried) counts[name]++;
                    at += i + 1;
                }
            }
            carried = Math.Min(overlap, span.Length);
            span[^carried..].CopyTo(buffer);
        }
        return counts;
    }

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
