using System.Threading.Channels;
using SecureLink.WebRtc.Transport;
using SecureLink.Host.Session;
using SecureLink.Rooms.Codes;
using SecureLink.Rooms.Session;

namespace SecureLink.Host.Commands;

/// <summary>
/// <c>securelink-host chat create|join</c>: the room flow in a terminal, plain lines both ways so
/// scripts and tests can drive it through pipes. Output lines start with a fixed word:
/// <c>invite:</c>, <c>pin:</c>, <c>expires:</c>, <c>reply:</c>, <c>state:</c>, <c>safety code:</c>,
/// <c>peer:</c>, and prompts end with <c>?</c>. Once verified every input line is a message;
/// <c>/leave</c> or end of input leaves. Errors go to stderr as one line.
/// Exit: 0 after a leave (ours or the peer's), 1 when the room failed, 2 for a usage error.
/// </summary>
public static class ChatDispatch
{
    private const string UsageText =
        "usage: securelink-host chat create [--internet] [--stun HOST:PORT]... [--pin-digits N] [--expires SECONDS]\n" +
        "       securelink-host chat join";

    public static async Task<int> RunAsync(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        if (args is ["--help" or "-h", ..] || args is [_, "--help" or "-h", ..])
        {
            stdout.WriteLine(UsageText);
            return 0;
        }
        if (!TryParse(args, out var create, out var options, out var problem))
        {
            stderr.WriteLine($"chat: {problem} (try 'securelink-host chat --help')");
            return 2;
        }
        var log = LogSettings.FromEnvironment(Environment.GetEnvironmentVariable, () => stderr);
        options = new RoomOptions
        {
            Mode = options.Mode, StunServers = options.StunServers, PinDigits = options.PinDigits, ExpiresIn = options.ExpiresIn, Log = log,
        };
        var terminal = new TerminalChat(stdin, stdout, stderr);
        try
        {
            return create
                ? await terminal.CreateAsync(options, cancellationToken).ConfigureAwait(false)
                : await terminal.JoinAsync(options, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return 0;
        }
        finally
        {
            await terminal.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static bool TryParse(string[] args, out bool create, out RoomOptions options, out string problem)
    {
        create = false;
        options = new RoomOptions();
        problem = "";
        if (args is not ["create" or "join", ..])
        {
            problem = "expected 'create' or 'join'";
            return false;
        }
        create = args[0] == "create";
        var internet = false;
        var stun = new List<string>();
        int digits = 4, expires = 600;
        for (var i = 1; i < args.Length; i++)
        {
            var flag = args[i];
            string? value = i + 1 < args.Length ? args[i + 1] : null;
            switch (flag)
            {
                case "--internet" when create:
                    internet = true;
                    break;
                case "--stun" when create && value is not null:
                    stun.Add(value);
                    internet = true;
                    i++;
                    break;
                case "--pin-digits" when create && int.TryParse(value, out digits) && digits is >= 4 and <= 10:
                    i++;
                    break;
                case "--expires" when create && int.TryParse(value, out expires) && expires is >= 10 and <= 3600:
                    i++;
                    break;
                default:
                    problem = $"unexpected argument '{flag}'";
                    return false;
            }
        }
        if (internet && stun.Count == 0)
        {
            problem = "--internet needs at least one --stun HOST:PORT";
            return false;
        }
        options = new RoomOptions
        {
            Mode = internet ? ConnectMode.Internet : ConnectMode.Offline,
            StunServers = stun,
            PinDigits = digits,
            ExpiresIn = TimeSpan.FromSeconds(expires),
        };
        return true;
    }
}
