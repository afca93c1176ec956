namespace SecureLink.Installer;

/// <summary>
/// The file operations the installer performs. Linux tests use the real one in temp folders;
/// Windows-convention tests (C:\... paths) use <see cref="InMemoryFileSystem"/>.
/// </summary>
public interface IFileSystem
{
    bool FileExists(string path);
    bool DirectoryExists(string path);
    string ReadAllText(string path);

    /// <summary>Creates missing parent folders, writes a sibling temp file, then renames it over <paramref name="path"/>.</summary>
    void WriteAllTextAtomic(string path, string text);

    /// <summary>False when there was nothing to delete.</summary>
    bool DeleteFile(string path);

    /// <summary>Unix: any execute bit is set. Windows: always true (no execute bit).</summary>
    bool IsExecutable(string path);

    /// <summary>Unix: adds execute wherever read is allowed (like chmod +x respecting the owner's choices).</summary>
    void MakeExecutable(string path);
}
