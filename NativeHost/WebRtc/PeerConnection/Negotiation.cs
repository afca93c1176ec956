using SecureLink.WebRtc.Dtls;
using SecureLink.WebRtc.Ice;
using SecureLink.WebRtc.Sdp;

namespace SecureLink.WebRtc;

/// <summary>
/// The offer/answer step, kept out of the wiring: turns our ICE and DTLS
/// parameters into SDP through <see cref="SdpFactory"/> and reads what the
/// wiring needs back out of the peer's SDP (<see cref="RemoteDescriptionInfo"/>).
/// Answers mirror the offer's data channel form, because aiortc 1.4 only speaks
/// the legacy <c>DTLS/SCTP 5000</c> + <c>a=sctpmap</c> one.
/// </summary>
internal static class Negotiation
{
    /// <summary>Largest message we accept (our a=max-message-size), the same as Chromium's.</summary>
    public const int MaxMessageSize = 262144;

    /// <summary>Our SCTP port, the one every WebRTC stack uses.</summary>
    public const int SctpPort = 5000;

    public static SdpLocalParameters Local(IceParameters ice, IReadOnlyList<IceCandidate> candidates, DtlsFingerprint fingerprint) =>
        new(ice.UsernameFragment, ice.Password, fingerprint.ToSdpValue(), [.. candidates.Select(c => c.ToSdpAttributeValue())])
        {
            SctpPort = SctpPort,
            MaxMessageSize = MaxMessageSize,
        };

    /// <summary>Our audio track for the SDP: a random SSRC, CNAME (RFC 7022) and msid per connection, so nothing links two sessions.</summary>
    public static AudioTrackParameters NewAudioTrack()
    {
        uint ssrc;
        do ssrc = BitConverter.ToUInt32(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4)); while (ssrc == 0);
        return new AudioTrackParameters(ssrc, RandomToken(16), RandomToken(12), RandomToken(12));
    }

    private static string RandomToken(int length) =>
        System.Security.Cryptography.RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", length);

    /// <summary>
    /// The audio stream both descriptions agreed on, or null: we asked for audio, the peer's
    /// description kept an Opus m-line in the BUNDLE group, and it is not inactive.
    /// </summary>
    public static Media.AudioStreamSettings? AudioStream(bool wanted, AudioTrackParameters track, RemoteDescriptionInfo remote) =>
        wanted && remote.Audio is { } audio && audio.Direction != "inactive"
            ? new Media.AudioStreamSettings(track.Ssrc, track.Cname, audio.OpusPayloadType, audio.Ssrcs)
            : null;

    public static SessionDescription ParseRemote(string sdp)
    {
        try
        {
            return SessionDescription.Parse(sdp);
        }
        catch (FormatException e)
        {
            throw new FormatException($"The remote description is not valid SDP: {e.Message}", e);
        }
    }

    /// <summary>Reads the peer's description; a description we cannot use becomes a FormatException naming why.</summary>
    public static RemoteDescriptionInfo ReadRemote(SessionDescription remote, SessionDescription? ourAnswer = null)
    {
        RemoteDescriptionInfo info;
        try
        {
            info = RemoteDescriptionInfo.Read(remote, ourAnswer);
        }
        catch (SdpNegotiationException e)
        {
            throw new FormatException($"The remote description cannot set up a session: {e.Message}", e);
        }
        if (info.DataChannel is null) throw new FormatException("The remote description has no data channel (no usable m=application SCTP line).");
        return info;
    }

    /// <summary>The peer's limit on what we may send. RFC 8841: 0 means any size; we then cap at our own limit.</summary>
    public static int RemoteMaxMessageSize(RemoteDescriptionInfo info) =>
        info.DataChannel!.MaxMessageSize is > 0 and var n ? n : MaxMessageSize;

    /// <summary>Our a=setup in the answer we wrote (active for an actpass offer).</summary>
    public static string LocalSetup(SessionDescription answer) =>
        answer.Media.FirstOrDefault(m => m.IsDataChannel && !m.IsRejected)?.EffectiveSetup(answer)
        ?? throw new FormatException("The offer's data channel could not be accepted (no usable m-line or a=setup).");

    /// <summary>Our DTLS role as offerer, from the answer's a=setup: their active makes us server.</summary>
    public static DtlsRole RoleFromAnswer(RemoteDescriptionInfo answer) => answer.Setup switch
    {
        "active" => DtlsRole.Server,
        "passive" => DtlsRole.Client,
        var s => throw new FormatException($"An answer must say a=setup:active or passive, not '{s ?? "(nothing)"}'."),
    };
}
