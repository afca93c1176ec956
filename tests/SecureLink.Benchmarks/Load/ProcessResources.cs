using System.Globalization;

namespace SecureLink.Benchmarks.Load;

/// <summary>What this process holds, from /proc/self: file descriptors (sockets separately),
/// threads, resident memory, and the managed heap after a full collection.</summary>
internal sealed record ProcessResources(int FileDescriptors, int Sockets, int Threads, long RssBytes, long ManagedBytes)
{
    public static ProcessResources Now()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var fds = Directory.GetFiles("/proc/self/fd");
        var sockets = 0;
        foreach (var fd in fds)
        {
            try
            {
                if (new FileInfo(fd).LinkTarget is { } target && target.StartsWith("socket:", StringComparison.Ordinal)) sockets++;
            }
            catch (IOException) { } // closed while we looked
        }
        long rss = 0;
        var threads = 0;
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal)) rss = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
            else if (line.StartsWith("Threads:", StringComparison.Ordinal)) threads = int.Parse(line.Split('\t', ' ').Last(s => s.Length > 0), CultureInfo.InvariantCulture);
        }
        return new ProcessResources(fds.Length, sockets, threads, rss, GC.GetTotalMemory(forceFullCollection: true));
    }

    public override string ToString() => FormattableString.Invariant(
        $"fds {FileDescriptors} (sockets {Sockets}), threads {Threads}, RSS {RssBytes / 1048576.0:F1} MiB, managed {ManagedBytes / 1048576.0:F1} MiB");

    public string Delta(ProcessResources before) => FormattableString.Invariant(
        $"fds {FileDescriptors - before.FileDescriptors:+0;-0;0} (sockets {Sockets - before.Sockets:+0;-0;0}), threads {Threads - before.Threads:+0;-0;0}, RSS {(RssBytes - before.RssBytes) / 1048576.0:+0.0;-0.0;0.0} MiB, managed {(ManagedBytes - before.ManagedBytes) / 1048576.0:+0.0;-0.0;0.0} MiB");
}
