namespace SecureLink.Rooms.Nearby;

/// <summary>A room found on the network: its label, its invite (already checked to decode and not be expired) and when that invite expires.</summary>
public sealed record NearbyRoom(string Label, string Invite, DateTimeOffset ExpiresAt);
