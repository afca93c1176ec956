using SecureLink.Host.Dispatch;
using SecureLink.Host.Protocol;
using SecureLink.Host.Session;
using SecureLink.WebRtc.Transport;

namespace SecureLink.Host.NativeMessaging;

/// <summary>
/// Composes one native messaging session from its parts, so Program.cs and in-process tests build
/// exactly the same host. Later layers pass their <see cref="ISessionState"/> (which gets the
/// <see cref="IEventSink"/> to raise events through) and add their handlers in HostHandlers.
/// </summary>
public static class HostSession
{
    /// <param name="input">The browser's side of the pipe to us (stdin).</param>
    /// <param name="output">Our side of the pipe to the browser (stdout).</param>
    /// <param name="log">Where log lines go (NullLog unless SECURELINK_LOG is set).</param>
    /// <param name="createSession">Builds the session state given the event sink; default: no room ever.</param>
    /// <param name="addHandlers">Registers more handlers (replacing the not_implemented stand-ins) once the session exists.</param>
    public static NativeMessagingHost Create(
        Stream input,
        Stream output,
        ILog log,
        Func<IEventSink, ISessionState>? createSession = null,
        Action<RequestDispatcher, ISessionState, IEventSink>? addHandlers = null)
    {
        var queue = new OutputQueue(log);
        var session = createSession?.Invoke(queue) ?? new EmptySessionState();
        var wipe = new WipeRegistry();
        wipe.Add(session);
        var info = new HostInfo(HostVersion.Current, HostVersion.Protocol, Environment.ProcessId);
        var dispatcher = HostHandlers.Create(info, session, log);
        addHandlers?.Invoke(dispatcher, session, queue);
        return new NativeMessagingHost(input, output, dispatcher, queue, wipe, log);
    }
}
