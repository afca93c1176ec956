namespace SecureLink.WebRtc.Sdp.Tests;

/// <summary>The real SDP texts captured from Chromium 156 and aiortc 1.4 (Fixtures/README.md says how).</summary>
internal static class FixtureFiles
{
    public const string ChromiumDataOffer = "chromium-datachannel-offer.sdp";
    public const string ChromiumAudioDataOffer = "chromium-audio-datachannel-offer.sdp";
    public const string ChromiumAudioVideoDataOffer = "chromium-audio-video-datachannel-offer.sdp";
    public const string ChromiumAnswerToAiortcData = "chromium-answer-to-aiortc-datachannel-offer.sdp";
    public const string ChromiumAnswerToAiortcAudioData = "chromium-answer-to-aiortc-audio-datachannel-offer.sdp";
    public const string AiortcDataOffer = "aiortc-datachannel-offer.sdp";
    public const string AiortcAudioDataOffer = "aiortc-audio-datachannel-offer.sdp";
    public const string AiortcAnswerToChromiumData = "aiortc-answer-to-chromium-datachannel-offer.sdp";
    public const string AiortcAnswerToChromiumAudioData = "aiortc-answer-to-chromium-audio-datachannel-offer.sdp";
    public const string AiortcAnswerToChromiumAudioVideoData = "aiortc-answer-to-chromium-audio-video-datachannel-offer.sdp";

    public static readonly string[] All =
    [
        ChromiumDataOffer, ChromiumAudioDataOffer, ChromiumAudioVideoDataOffer, ChromiumAnswerToAiortcData,
        ChromiumAnswerToAiortcAudioData, AiortcDataOffer, AiortcAudioDataOffer, AiortcAnswerToChromiumData,
        AiortcAnswerToChromiumAudioData, AiortcAnswerToChromiumAudioVideoData,
    ];

    public static readonly string[] Offers =
    [
        ChromiumDataOffer, ChromiumAudioDataOffer, ChromiumAudioVideoDataOffer, AiortcDataOffer, AiortcAudioDataOffer,
    ];

    public static TheoryData<string> AllData() => new(All);

    public static TheoryData<string> OfferData() => new(Offers);

    public static string Read(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));

    public static SessionDescription Parse(string name) => SessionDescription.Parse(Read(name));
}
