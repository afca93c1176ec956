namespace SecureLink.Installer;

/// <summary>What happened when we started the host with <c>--version</c>.</summary>
public sealed record HostProbeResult(bool Started, int? ExitCode, string Output, string? Error)
{
    public bool Succeeded => Started && ExitCode == 0;
}

/// <summary>Starts the host once to prove the browser could (doctor's last check).</summary>
public interface IHostProbe
{
    HostProbeResult Probe(string hostPath, TimeSpan timeout);
}
