namespace SecureLink.Host.Session;

/// <summary>The session of a build without rooms: no room, no messages, no call; nothing to wipe.</summary>
public sealed class EmptySessionState : ISessionState
{
    public SessionSnapshot GetSnapshot() => SessionSnapshot.Empty;

    public void Wipe() { }
}
