namespace SecureLink.Installer;

/// <summary>
/// Path joining and absoluteness by the rules of a <see cref="TargetOs"/>, independent of the OS we run on,
/// so the Windows and macOS tables can be computed and tested on Linux (System.IO.Path cannot do that).
/// </summary>
public static class OsPath
{
    public static char Separator(TargetOs os) => os == TargetOs.Windows ? '\\' : '/';

    public static string Join(TargetOs os, string first, params string[] rest)
    {
        var sep = Separator(os);
        var result = first;
        foreach (var part in rest)
        {
            foreach (var piece in part.Split('/', '\\', StringSplitOptions.RemoveEmptyEntries))
            {
                result = result.Length == 0 || result[^1] == sep || (os == TargetOs.Windows && result[^1] == '/')
                    ? result + piece
                    : result + sep + piece;
            }
        }
        return result;
    }

    public static bool IsAbsolute(TargetOs os, string path)
    {
        if (os != TargetOs.Windows) return path.StartsWith('/');
        if (path.StartsWith(@"\\", StringComparison.Ordinal)) return true;          // UNC
        return path.Length >= 3 && char.IsAsciiLetter(path[0]) && path[1] == ':' && (path[2] == '\\' || path[2] == '/');
    }

    public static string Directory(TargetOs os, string path)
    {
        var i = path.LastIndexOfAny(os == TargetOs.Windows ? ['\\', '/'] : ['/']);
        return i <= 0 ? (i == 0 ? "/" : "") : path[..i];
    }

    public static string FileName(TargetOs os, string path)
    {
        var i = path.LastIndexOfAny(os == TargetOs.Windows ? ['\\', '/'] : ['/']);
        return path[(i + 1)..];
    }
}
