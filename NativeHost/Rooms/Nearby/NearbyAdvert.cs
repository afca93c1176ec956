namespace SecureLink.Rooms.Nearby;

/// <summary>What a visible room shows the network: its label and invite, until <see cref="ExpiresAt"/>.</summary>
public sealed record NearbyAdvert(string Label, string Invite, DateTimeOffset ExpiresAt)
{
    /// <summary>Record lifetime: never past the invite's expiry, and at most 120 s so a room that vanished without a goodbye is soon forgotten.</summary>
    public uint TtlAt(DateTimeOffset now) => (uint)Math.Clamp((int)Math.Ceiling((ExpiresAt - now).TotalSeconds), 1, 120);

    public IReadOnlyList<MdnsRecord> Records(uint ttl) =>
    [
        MdnsRecord.Ptr(NearbyNames.RoomService, NearbyNames.RoomInstance(Label), ttl),
        MdnsRecord.Txt(NearbyNames.RoomInstance(Label), NearbyNames.ToTxt(NearbyNames.InviteKey, Invite), ttl),
    ];
}
