using System.Text.Json.Serialization;

namespace SecureLink.Host.Protocol;

/// <summary>Error and stop codes of <c>audio.test_tone</c> and <c>audio.monitor</c> (docs/protocol.md, "Audio checks").</summary>
public static class AudioTestCodes
{
    /// <summary>The device could not be opened or failed while in use.</summary>
    public const string AudioDevice = "audio_device";

    /// <summary>The microphone check ran for its whole time limit.</summary>
    public const string TimeLimit = "time_limit";

    /// <summary>The check stopped because the person left the room.</summary>
    public const string RoomLeft = "room_left";
}

/// <summary>Answer to <c>audio.test_tone</c>: the tone started; <c>audio.tone</c> follows when it ends.</summary>
public sealed record AudioTestToneResponse(long Id, int DurationMs) : OkResponse(Id);

/// <summary>Answer to <c>audio.monitor</c>: whether the microphone is now open and for how long at most.</summary>
public sealed record AudioMonitorResponse(
    long Id,
    bool On,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? MaxSeconds = null) : OkResponse(Id);

/// <summary><c>audio.level</c>: how loud the microphone under test is, 0..1 (about ten a second while it is on).</summary>
public sealed record AudioLevelEvent(double Level) : HostEvent("audio.level");

/// <summary><c>audio.monitor</c>: the host closed the microphone under test by itself; <see cref="ReasonCode"/> says why.</summary>
public sealed record AudioMonitorEvent(bool On, string ReasonCode, string Reason) : HostEvent("audio.monitor");

/// <summary><c>audio.tone</c>: the test tone is over: <c>"ended"</c>, or <c>"failed"</c> with a reason.</summary>
public sealed record AudioToneEvent(
    string State,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ReasonCode = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Reason = null) : HostEvent("audio.tone");

/// <summary>
/// Serializers of the audio check messages. They live beside HostJsonContext rather than in it so
/// this feature stays in its own files; same options, so the frames look like every other.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    GenerationMode = JsonSourceGenerationMode.Serialization)]
[JsonSerializable(typeof(AudioTestToneResponse))]
[JsonSerializable(typeof(AudioMonitorResponse))]
[JsonSerializable(typeof(AudioLevelEvent))]
[JsonSerializable(typeof(AudioMonitorEvent))]
[JsonSerializable(typeof(AudioToneEvent))]
public sealed partial class AudioTestJsonContext : JsonSerializerContext;
