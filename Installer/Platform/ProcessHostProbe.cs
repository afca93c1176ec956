using System.ComponentModel;
using System.Diagnostics;

namespace SecureLink.Installer;

/// <summary>Runs <c>host --version</c> as a real process, bounded by a timeout (a hung host is killed, not waited on).</summary>
public sealed class ProcessHostProbe : IHostProbe
{
    public HostProbeResult Probe(string hostPath, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(hostPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("--version");
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new Win32Exception("Process.Start returned nothing.");
        }
        catch (Exception e) when (e is Win32Exception or IOException or UnauthorizedAccessException)
        {
            return new HostProbeResult(false, null, "", e.Message);
        }

        using (process)
        {
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
                return new HostProbeResult(true, null, "", $"it did not exit within {timeout.TotalSeconds:0} s");
            }
            process.WaitForExit();
            var output = stdout.Wait(TimeSpan.FromSeconds(2)) ? stdout.Result.Trim() : "";
            var error = stderr.Wait(TimeSpan.FromSeconds(2)) ? stderr.Result.Trim() : "";
            return new HostProbeResult(true, process.ExitCode, output, error.Length == 0 ? null : error);
        }
    }
}
