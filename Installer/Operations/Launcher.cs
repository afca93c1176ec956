namespace SecureLink.Installer;

/// <summary>
/// The small shell script browsers start on Linux and macOS instead of the host itself. While a
/// .NET program runs, the runtime keeps a diagnostics socket (dotnet-diagnostic-PID-…-socket) and
/// two debugger pipes (clr-debug-pipe-PID-…) in $TMPDIR, through which any program of the same
/// user could ask for a memory dump — of a process that holds keys and messages. Only the
/// environment variable DOTNET_EnableDiagnostics=0 turns them off (no build setting or
/// runtimeconfig knob does), and a native messaging manifest cannot set environment variables,
/// hence the script (manifest-templates/securelink-host-launcher). It lives next to the host and finds it relative to its own path, so the
/// same bytes serve every install (release folder, .deb, build output). Windows starts the host
/// directly (there the endpoint is a named pipe, not a file; see docs/release.md).
/// </summary>
public static class Launcher
{
    public const string FileName = "securelink-host-launcher";

    /// <summary>
    /// The script (manifest-templates/securelink-host-launcher, embedded): POSIX sh and no
    /// external command, since a browser's PATH may be anything.
    /// </summary>
    public static string Script { get; } = ReadScript();

    private static string ReadScript()
    {
        using var stream = typeof(Launcher).Assembly.GetManifestResourceStream("manifest-templates/" + FileName)
            ?? throw new InvalidOperationException("The launcher script is missing from the installer build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    /// <summary>Where the launcher for <paramref name="hostPath"/> goes (null on Windows).</summary>
    public static string? PathFor(string hostPath, TargetOs os) =>
        os == TargetOs.Windows ? null : OsPath.Join(os, OsPath.Directory(os, hostPath), FileName);

    /// <summary>True when <paramref name="path"/> names a launcher (by file name).</summary>
    public static bool IsLauncher(string path, TargetOs os) =>
        os != TargetOs.Windows && OsPath.FileName(os, path) == FileName;

    /// <summary>The host a manifest path really starts: the launcher's sibling host, or the path itself.</summary>
    public static string HostBehind(string path, TargetOs os) =>
        IsLauncher(path, os) ? OsPath.Join(os, OsPath.Directory(os, path), HostLocator.ExecutableName(os)) : path;

    /// <summary>
    /// Makes sure the launcher is next to <paramref name="hostPath"/>, executable and current, and
    /// returns what the manifests should start: the launcher, or the host itself on Windows or
    /// when the host's folder cannot be written to and holds no launcher (then <paramref name="warning"/> says so).
    /// </summary>
    public static string Ensure(string hostPath, InstallerEnvironment env, out string? warning)
    {
        warning = null;
        var path = PathFor(hostPath, env.Os);
        if (path is null) return hostPath;
        try
        {
            if (!env.Files.FileExists(path) || env.Files.ReadAllText(path) != Script) env.Files.WriteAllTextAtomic(path, Script);
            if (!env.Files.IsExecutable(path)) env.Files.MakeExecutable(path);
            return path;
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            warning = $"could not write the launcher {path} ({e.Message}); registering the host itself, so the .NET runtime's " +
                      "diagnostics socket stays open in $TMPDIR while it runs. Fix: install the host into a folder you can write to, or use the release's launcher.";
            return hostPath;
        }
    }
}
