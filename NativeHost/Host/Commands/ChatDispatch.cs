namespace SecureLink.Host.Commands;

/// <summary>
/// <c>securelink-host chat create|join</c>: the room flow in a terminal. It needs the rooms layer,
/// which this build does not include yet, so the command says so and exits 2.
/// </summary>
public static class ChatDispatch
{
    public static Task<int> RunAsync(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        if (args is ["--help" or "-h", ..])
        {
            stdout.WriteLine("usage: securelink-host chat create [--internet] [--stun HOST:PORT] | securelink-host chat join");
            return Task.FromResult(0);
        }
        stderr.WriteLine(args is ["create" or "join", ..]
            ? $"chat {args[0]}: not yet available in this build"
            : "chat: expected 'create' or 'join' (not yet available in this build)");
        return Task.FromResult(2);
    }
}
