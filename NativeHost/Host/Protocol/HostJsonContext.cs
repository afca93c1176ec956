using System.Text.Json.Serialization;

namespace SecureLink.Host.Protocol;

/// <summary>
/// Source-generated serializers for every frame the host writes (reflection is off in the
/// project, which keeps cold start short). Add each new response or event record here.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    GenerationMode = JsonSourceGenerationMode.Serialization)]
[JsonSerializable(typeof(EmptyResponse))]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(HelloResponse))]
[JsonSerializable(typeof(StateSnapshotResponse))]
[JsonSerializable(typeof(RoomCreateResponse))]
[JsonSerializable(typeof(RoomJoinResponse))]
[JsonSerializable(typeof(ChatSendResponse))]
[JsonSerializable(typeof(ChatHistoryResponse))]
[JsonSerializable(typeof(QrDecodeResponse))]
[JsonSerializable(typeof(VisibleRoomCreateResponse))]
[JsonSerializable(typeof(NearbyStatusResponse))]
[JsonSerializable(typeof(AudioDevicesResponse))]
[JsonSerializable(typeof(NearbyRoomsEvent))]
[JsonSerializable(typeof(RoomStateEvent))]
[JsonSerializable(typeof(ChatMessageEvent))]
[JsonSerializable(typeof(ChatReceiptEvent))]
[JsonSerializable(typeof(ChatTypingEvent))]
[JsonSerializable(typeof(CallStateEvent))]
[JsonSerializable(typeof(CallStatsEvent))]
public sealed partial class HostJsonContext : JsonSerializerContext;
