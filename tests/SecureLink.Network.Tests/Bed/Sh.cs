using System.Diagnostics;
using System.Text;

namespace SecureLink.Network.Bed;

/// <summary>Runs system tools (ip, nft, tc) and fails loudly with their stderr: a test bed that half-built itself proves nothing.</summary>
public static class Sh
{
    public static string Run(string file, params string[] args) => Run(file, (IEnumerable<string>)args);

    public static string Run(string file, IEnumerable<string> args, string? stdin = null, bool check = true)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
        };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var p = Process.Start(info) ?? throw new InvalidOperationException($"could not start {file}");
        if (stdin is not null)
        {
            p.StandardInput.Write(stdin);
            p.StandardInput.Close();
        }
        var stderr = p.StandardError.ReadToEndAsync();
        var stdout = p.StandardOutput.ReadToEnd();
        if (!p.WaitForExit(30_000))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', info.ArgumentList)} did not finish in 30 s");
        }
        if (check && p.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', info.ArgumentList)} failed ({p.ExitCode}): {stderr.Result.Trim()}");
        return stdout;
    }

    /// <summary>Runs without throwing (clean-up paths must never stop half-way).</summary>
    public static void Try(string file, params string[] args)
    {
        try { Run(file, args, check: false); }
        catch (Exception) { /* best effort by design */ }
    }

    public static string Join(IEnumerable<string> lines)
    {
        var b = new StringBuilder();
        foreach (var l in lines) b.AppendLine(l);
        return b.ToString();
    }
}
