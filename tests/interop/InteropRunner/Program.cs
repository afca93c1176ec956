using SecureLink.WebRtc.Interop;

// Ctrl-C and SIGTERM end the session the way stdin closing does: cleanly, exit 0.
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(
    System.Runtime.InteropServices.PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
return await InteropCommand.RunAsync(args, Console.In, Console.Out, Console.Error, stop.Token);
