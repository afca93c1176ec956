namespace SecureLink.Installer;

/// <summary>The machine's file system.</summary>
public sealed class RealFileSystem : IFileSystem
{
    public bool FileExists(string path) => File.Exists(path);

    public bool DirectoryExists(string path) => Directory.Exists(path);

    public string ReadAllText(string path) => File.ReadAllText(path);

    public void WriteAllTextAtomic(string path, string text)
    {
        var dir = Path.GetDirectoryName(path) ?? throw new ArgumentException($"{path} has no parent folder.", nameof(path));
        Directory.CreateDirectory(dir);
        var temp = Path.Combine(dir, "." + Path.GetFileName(path) + "." + Environment.ProcessId + ".tmp");
        try
        {
            File.WriteAllText(temp, text);
            if (!OperatingSystem.IsWindows())
            {
                // Browsers read it as the user; system-wide manifests must be readable by everyone.
                File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            }
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    public bool DeleteFile(string path)
    {
        if (!File.Exists(path)) return false;
        File.Delete(path);
        return true;
    }

    public bool IsExecutable(string path)
    {
        if (OperatingSystem.IsWindows()) return true;
        const UnixFileMode anyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        return (File.GetUnixFileMode(path) & anyExecute) != 0;
    }

    public void MakeExecutable(string path)
    {
        if (OperatingSystem.IsWindows()) return;
        var mode = File.GetUnixFileMode(path);
        mode |= UnixFileMode.UserExecute;
        if ((mode & UnixFileMode.GroupRead) != 0) mode |= UnixFileMode.GroupExecute;
        if ((mode & UnixFileMode.OtherRead) != 0) mode |= UnixFileMode.OtherExecute;
        File.SetUnixFileMode(path, mode);
    }
}
