namespace SecureLink.Voice.Tests.Devices;

/// <summary>A private temp directory removed on dispose, whatever happened.</summary>
internal sealed class TempDir : IDisposable
{
    internal TempDir(string prefix) => Path = Directory.CreateTempSubdirectory(prefix).FullName;

    internal string Path { get; }

    internal string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
