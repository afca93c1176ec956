using SecureLink.Host.Dispatch.Handlers;
using SecureLink.Host.Protocol;
using SecureLink.Host.Session;
using SecureLink.WebRtc.Transport;

namespace SecureLink.Host.Dispatch;

/// <summary>Wires the handler table of this build: one line per request type.</summary>
public static class HostHandlers
{
    public static RequestDispatcher Create(HostInfo info, ISessionState session, ILog log)
    {
        var dispatcher = new RequestDispatcher(log);
        foreach (var type in NotImplementedHandler.PlannedTypes)
            dispatcher.Register(type, NotImplementedHandler.Instance);
        dispatcher.Register("hello", new HelloHandler(info));
        dispatcher.Register("state.get", new StateGetHandler(session));
        return dispatcher;
    }
}
