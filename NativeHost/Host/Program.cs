using System.Runtime.InteropServices;
using SecureLink.Host;
using SecureLink.Host.Commands;
using SecureLink.Host.Dispatch.Handlers;
using SecureLink.Host.Session;
using SecureLink.WebRtc.Transport;
using SecureLink.Host.NativeMessaging;

// Entry point: pick the mode from the command line (DESIGN.md §4b) and run it.
using var stop = new CancellationTokenSource();
using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, ctx => { ctx.Cancel = true; stop.Cancel(); });
using var onInt = PosixSignalRegistration.Create(PosixSignal.SIGINT, ctx => { ctx.Cancel = true; stop.Cancel(); });

var kind = CommandLineParser.Classify(args, Console.IsInputRedirected);
switch (kind)
{
    case CommandKind.NativeMessaging:
    {
        var log = LogSettings.FromEnvironment(Environment.GetEnvironmentVariable, () => Console.Error);
        await using var stdin = new BlockingPipeStream(Console.OpenStandardInput());
        await using var stdout = new BlockingPipeStream(Console.OpenStandardOutput());
        NearbyService? nearby = null;
        var devices = EnvironmentCallDevices.FromEnvironment(Environment.GetEnvironmentVariable, log);
        AudioChecks? checks = null;
        var exitCode = await HostSession.Create(stdin, stdout, log,
            events =>
            {
                RoomHost? rooms = null;
                checks = new AudioChecks(events, devices, () => AudioChecks.CallInProgress(rooms), log);
                return rooms = new RoomHost(events, log, devices: checks.Guard(devices));
            },
            (dispatcher, session, events) =>
            {
                RoomHandlers.Register(dispatcher, (RoomHost)session, log);
                AudioHandlers.Register(dispatcher, devices);
                AudioTestHandlers.Register(dispatcher, checks!, (RoomHost)session);
                nearby = NearbyHandlers.Register(dispatcher, (RoomHost)session, events, log);
            }).RunAsync(stop.Token);
        // The microphone of an audio check closes at exit too, whatever ended the session.
        if (checks is not null) await checks.DisposeAsync();
        // After the wipe: a visible room's goodbye still goes out, so nearby lists drop it at once.
        if (nearby is not null) await nearby.DisposeAsync();
        return exitCode;
    }
    case CommandKind.Help:
        Console.Out.WriteLine(Usage.Text);
        return 0;
    case CommandKind.Version:
        Console.Out.WriteLine(HostVersion.Current);
        return 0;
    case CommandKind.Interop:
        return await InteropDispatch.RunAsync(args[1..], Console.In, Console.Out, Console.Error, stop.Token);
    case CommandKind.Chat:
        return await ChatDispatch.RunAsync(args[1..], Console.In, Console.Out, Console.Error, stop.Token);
    case CommandKind.NoCommand:
        Console.Error.WriteLine("securelink-host: no command given; browsers start this program themselves (try --help)");
        return 2;
    default:
        Console.Error.WriteLine($"securelink-host: unknown command '{args[0]}' (try --help)");
        return 2;
}
