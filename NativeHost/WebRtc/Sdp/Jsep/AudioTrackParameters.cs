namespace SecureLink.WebRtc.Sdp;

/// <summary>
/// An audio track we send: its SSRC and the RFC 8830 stream/track ids, and the Opus settings
/// we ask for. Used for the audio m-line of offers and answers.
/// </summary>
public sealed record AudioTrackParameters(uint Ssrc, string Cname, string StreamId, string TrackId)
{
    /// <summary>What we want: sendrecv (a call), sendonly or recvonly. Answers intersect it with the offer.</summary>
    public string Direction { get; init; } = "sendrecv";

    /// <summary>Payload type we offer Opus under (Chromium uses 111). Answers use the offer's.</summary>
    public int OpusPayloadType { get; init; } = 111;

    /// <summary>Opus fmtp (RFC 7587): 10 ms minimum packet time, in-band FEC on.</summary>
    public string OpusFmtp { get; init; } = "minptime=10;useinbandfec=1";
}
