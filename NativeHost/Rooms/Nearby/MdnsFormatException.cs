namespace SecureLink.Rooms.Nearby;

/// <summary>A packet that is not a DNS message we can read; the receiver drops it and reads on.</summary>
public sealed class MdnsFormatException(string message) : Exception(message);
