using System.Globalization;

namespace SecureLink.Security.Tests.Support;

/// <summary>The UDP sockets a process holds, read from /proc (its fds' inodes against /proc/net/udp and udp6).</summary>
public static class HostSockets
{
    /// <summary>Local ports of every UDP socket <paramref name="pid"/> has open now.</summary>
    public static IReadOnlyList<int> UdpPorts(int pid)
    {
        var inodes = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            foreach (var fd in Directory.EnumerateFileSystemEntries($"/proc/{pid}/fd"))
            {
                var target = new FileInfo(fd).LinkTarget;
                if (target is not null && target.StartsWith("socket:[", StringComparison.Ordinal)) inodes.Add(target[8..^1]);
            }
        }
        catch (Exception e) when (e is DirectoryNotFoundException or IOException or UnauthorizedAccessException)
        {
            return []; // the process is gone
        }
        var ports = new List<int>();
        foreach (var table in new[] { "/proc/net/udp", "/proc/net/udp6" })
        {
            if (!File.Exists(table)) continue;
            foreach (var line in File.ReadLines(table).Skip(1))
            {
                var cols = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (cols.Length > 9 && inodes.Contains(cols[9]))
                    ports.Add(int.Parse(cols[1].Split(':')[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture));
            }
        }
        return ports;
    }
}
