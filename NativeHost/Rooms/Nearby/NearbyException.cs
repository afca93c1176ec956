namespace SecureLink.Rooms.Nearby;

/// <summary>
/// Nearby rooms cannot work here (no IPv4 network to be seen on, port 5353 taken, ...).
/// <see cref="Code"/> is the protocol error code <c>nearby_unavailable</c>; the message is one sentence for people.
/// </summary>
public sealed class NearbyException(string message) : Exception(message)
{
    public const string Unavailable = "nearby_unavailable";

    public string Code => Unavailable;
}
