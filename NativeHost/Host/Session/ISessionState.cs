namespace SecureLink.Host.Session;

/// <summary>
/// Where the popup's snapshot comes from. The rooms layer implements it once rooms exist; it is
/// also <see cref="IWipeable"/> because it holds keys and messages.
/// </summary>
public interface ISessionState : IWipeable
{
    SessionSnapshot GetSnapshot();
}
