namespace SecureLink.Host.Session;

/// <summary>
/// Something that holds secrets or message text and must zero and drop them when the host exits
/// (stdin closed, SIGTERM) or the user leaves. Must be idempotent and must not throw.
/// </summary>
public interface IWipeable
{
    void Wipe();
}
