namespace SecureLink.Host.Tests.Privacy;

/// <summary>Every entry under a folder as path → (kind, size, mtime), so two snapshots show what changed.</summary>
internal static class FileSnapshot
{
    public static Dictionary<string, string> Take(string root, bool recursive)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var options = new EnumerationOptions
        {
            RecurseSubdirectories = recursive, IgnoreInaccessible = true, AttributesToSkip = 0, ReturnSpecialDirectories = false,
        };
        foreach (var info in new DirectoryInfo(root).EnumerateFileSystemInfos("*", options))
        {
            try
            {
                var size = info is FileInfo f && info.LinkTarget is null ? f.Length : 0;
                result[info.FullName] = $"{(info is DirectoryInfo ? "dir" : "file")} {size} {info.LastWriteTimeUtc.Ticks}";
            }
            catch (IOException)
            {
                // gone between listing and stat: another process's short-lived file
            }
        }
        return result;
    }

    /// <summary>Human-readable differences: "+ new", "- gone", "~ changed".</summary>
    public static List<string> Diff(Dictionary<string, string> before, Dictionary<string, string> after)
    {
        var changes = new List<string>();
        foreach (var (path, state) in after)
        {
            if (!before.TryGetValue(path, out var old)) changes.Add($"+ {path}");
            else if (old != state) changes.Add($"~ {path} ({old} -> {state})");
        }
        changes.AddRange(before.Keys.Where(p => !after.ContainsKey(p)).Select(p => $"- {p}"));
        return changes;
    }
}
