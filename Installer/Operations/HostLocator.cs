namespace SecureLink.Installer;

/// <summary>The host executable the manifests will point at, or why there is none and how to fix it.</summary>
public sealed record HostLookup(string? Path, string? Error)
{
    public static HostLookup Found(string path) => new(path, null);
    public static HostLookup Failed(string error) => new(null, error);
}

/// <summary>
/// Finds <c>securelink-host</c>: the <c>--host-path</c> given, else next to the installer, else the repository's
/// build output. Always returns an absolute path, and never a <c>.dll</c> (browsers start executables only).
/// </summary>
public static class HostLocator
{
    public static string ExecutableName(TargetOs os) => os == TargetOs.Windows ? "securelink-host.exe" : "securelink-host";

    public static HostLookup Locate(string? explicitPath, InstallerEnvironment env)
    {
        var os = env.Os;
        if (explicitPath is not null)
        {
            var full = OsPath.IsAbsolute(os, explicitPath) ? explicitPath : Path.GetFullPath(explicitPath, env.WorkingDirectory);
            if (env.Files.DirectoryExists(full) && env.Files.FileExists(OsPath.Join(os, full, ExecutableName(os))))
                full = OsPath.Join(os, full, ExecutableName(os));
            return Check(full, env);
        }

        foreach (var candidate in Candidates(env))
        {
            if (env.Files.FileExists(candidate)) return Check(candidate, env);
        }
        return HostLookup.Failed(
            $"Could not find {ExecutableName(os)} next to the installer or in the repository's build output. " +
            $"Build it (dotnet build NativeHost/Host) or pass its location: --host-path /path/to/{ExecutableName(os)}");
    }

    /// <summary>Where to look when no path was given, best first.</summary>
    public static IEnumerable<string> Candidates(InstallerEnvironment env)
    {
        var os = env.Os;
        if (env.InstallerDirectory is null) yield break;
        yield return OsPath.Join(os, env.InstallerDirectory, ExecutableName(os));

        // Running from a repository checkout (dotnet run / bin folder): use the newest host build.
        var repo = FindRepositoryRoot(env.InstallerDirectory);
        if (repo is null) yield break;
        var builds = new[] { "Release", "Debug" }
            .Select(c => Path.Combine(repo, "NativeHost", "Host", "bin", c, "net10.0", ExecutableName(os)))
            .Where(File.Exists)
            .OrderByDescending(File.GetLastWriteTimeUtc);
        foreach (var build in builds) yield return build;
    }

    private static string? FindRepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SecureLink.sln"))) return dir.FullName;
        }
        return null;
    }

    private static HostLookup Check(string path, InstallerEnvironment env)
    {
        var os = env.Os;
        if (path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
        {
            var sibling = path[..^4] + (os == TargetOs.Windows ? ".exe" : "");
            return HostLookup.Failed(
                $"{path} is a .NET assembly, not a program: a browser can only start an executable. " +
                $"Use the apphost next to it instead: --host-path {Quote(sibling, os)}");
        }
        if (!env.Files.FileExists(path))
        {
            return HostLookup.Failed(
                $"The host {path} does not exist. Build it (dotnet build NativeHost/Host) or pass the right file with --host-path.");
        }
        return HostLookup.Found(path);
    }

    /// <summary>Quotes a path for copy-pasting into this OS's shell.</summary>
    public static string Quote(string path, TargetOs os)
    {
        if (path.Length > 0 && path.All(c => char.IsAsciiLetterOrDigit(c) || "/\\._-:+@".Contains(c))) return path;
        return os == TargetOs.Windows ? "\"" + path + "\"" : "'" + path.Replace("'", "'\\''") + "'";
    }
}
