using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace SecureLink.WebRtc.Sdp.Tests;

/// <summary>Whatever parameters we describe, a peer reading our text gets exactly them back.</summary>
public sealed class FactoryProperties
{
    private const string IceChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    private static Gen<string> IceString(int min, int max) =>
        from n in Gen.Choose(min, max)
        from chars in Gen.ArrayOf(Gen.Elements(IceChars.ToCharArray()), n)
        select new string(chars);

    private static readonly Gen<string> Candidate =
        from foundation in Gen.Choose(1, int.MaxValue)
        from priority in Gen.Choose(1, int.MaxValue)
        from octet in Gen.Choose(1, 254)
        from port in Gen.Choose(1024, 65535)
        select $"candidate:{foundation} 1 udp {priority} 198.18.0.{octet} {port} typ host";

    private static readonly Gen<(SdpLocalParameters Local, bool Audio, bool Legacy)> Inputs =
        from ufrag in IceString(4, 32)
        from pwd in IceString(22, 64)
        from fp in Gen.ArrayOf(Gen.Choose(0, 255), 32)
        from candidates in Gen.ListOf(Candidate)
        from sctpPort in Gen.Choose(1, 65535)
        from maxMessage in Gen.Choose(0, int.MaxValue)
        from audio in Gen.Elements(true, false)
        from legacy in Gen.Elements(true, false)
        select (new SdpLocalParameters(ufrag, pwd, "sha-256 " + string.Join(':', fp.Select(b => b.ToString("X2"))), [.. candidates])
        {
            SctpPort = sctpPort,
            MaxMessageSize = maxMessage,
        }, audio, legacy);

    [Property(MaxTest = 300)]
    public Property OfferReadsBackAsItsParameters() => Prop.ForAll(Inputs.ToArbitrary(), input =>
    {
        var (local, audio, legacy) = input;
        var options = new SdpOfferOptions { LegacyDataChannel = legacy, Audio = audio ? LocalParameters.Track() : null };
        var info = RemoteDescriptionInfo.Read(SessionDescription.Parse(SdpFactory.CreateOffer(local, options).ToString()));
        return info.IceUfrag == local.IceUfrag && info.IcePwd == local.IcePwd && info.Fingerprint == local.Fingerprint
               && info.Candidates.SequenceEqual(local.Candidates) && info.Setup == "actpass"
               && info.DataChannel == new RemoteDataChannelInfo("0", local.SctpPort, local.MaxMessageSize, legacy)
               && (info.Audio is not null) == audio;
    });

    [Property(MaxTest = 300)]
    public Property AnswerToOurOwnOfferMirrorsIt() => Prop.ForAll(Inputs.ToArbitrary(), input =>
    {
        var (local, audio, legacy) = input;
        var offer = SdpFactory.CreateOffer(local, new SdpOfferOptions { LegacyDataChannel = legacy, Audio = audio ? LocalParameters.Track() : null });
        var answer = SessionDescription.Parse(SdpFactory.CreateAnswer(SessionDescription.Parse(offer.ToString()), local,
            new SdpAnswerOptions { AcceptAudio = true, AudioTrack = LocalParameters.Track() }).ToString());
        var info = RemoteDescriptionInfo.Read(answer);
        return answer.Media.Select(m => m.Mid).SequenceEqual(offer.Media.Select(m => m.Mid))
               && answer.BundleMids.SequenceEqual(offer.BundleMids)
               && info.Setup == "active" && info.DataChannel!.IsLegacy == legacy
               && (info.Audio?.Direction == "sendrecv") == audio;
    });
}
