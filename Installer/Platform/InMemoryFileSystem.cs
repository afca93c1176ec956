namespace SecureLink.Installer;

/// <summary>Files in a dictionary, for computing and checking another OS's layout (e.g. C:\ paths) on this machine.</summary>
public sealed class InMemoryFileSystem(TargetOs os) : IFileSystem
{
    private readonly Dictionary<string, (string Text, bool Executable)> _files = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _directories = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyCollection<string> Files => _files.Keys;

    public void AddFile(string path, string text, bool executable = false)
    {
        _files[path] = (text, executable);
        AddDirectory(OsPath.Directory(os, path));
    }

    public void AddDirectory(string path)
    {
        for (var p = path; p.Length > 0 && _directories.Add(p) && p != "/"; p = OsPath.Directory(os, p))
        {
        }
    }

    public bool FileExists(string path) => _files.ContainsKey(path);

    public bool DirectoryExists(string path) => _directories.Contains(path);

    public string ReadAllText(string path) =>
        _files.TryGetValue(path, out var f) ? f.Text : throw new FileNotFoundException("No such file.", path);

    public void WriteAllTextAtomic(string path, string text) =>
        AddFile(path, text, _files.TryGetValue(path, out var f) && f.Executable);

    public bool DeleteFile(string path) => _files.Remove(path);

    public bool IsExecutable(string path) => os == TargetOs.Windows || (_files.TryGetValue(path, out var f) && f.Executable);

    public void MakeExecutable(string path)
    {
        if (_files.TryGetValue(path, out var f)) _files[path] = f with { Executable = true };
    }
}
