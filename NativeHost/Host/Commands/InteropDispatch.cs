namespace SecureLink.Host.Commands;

/// <summary>
/// <c>securelink-host interop ...</c>. The endpoint itself lives in the WebRtc layer
/// (<c>SecureLink.WebRtc.Interop.InteropCommand.RunAsync</c>, same signature as here); this build
/// does not include it yet, so the command says so and exits 2.
/// </summary>
public static class InteropDispatch
{
    public static Task<int> RunAsync(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        stderr.WriteLine("interop: not yet available in this build");
        return Task.FromResult(2);
    }
}
