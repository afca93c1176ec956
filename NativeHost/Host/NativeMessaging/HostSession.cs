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
    public static NativeMessagingHost Create(Stream input, Stream output, ILog log, Func<IEventSink, ISessionState>? createSession = null)
    {
        var queue = new OutputQueue(log);
        var session = createSession?.Invoke(queue) ?? new EmptySessionState();
        var wipe = new WipeRegistry();
        wipe.Add(session);
        var info = new HostInfo(HostVersion.Current, HostVersion.Protocol, Environment.ProcessId);
        var dispatcher = HostHandlers.Create(info, session, log);
        return new NativeMessagingHost(input, output, dispatcher, queue, wipe, log);
    }
}
