using System.Text;
using SecureLink.Host.Tests.Support;

namespace SecureLink.Host.Tests.RealHost;

/// <summary>Every kind of malformed request gets its own error code, and the host keeps answering.</summary>
public sealed class EnvelopeErrorTests
{
    private static async Task AssertAnsweredThenAlive(byte[] payload, long? id, string code)
    {
        await using var host = HostProcess.Start();
        await host.SendAsync(payload);
        Json.AssertError(await host.ReceiveAsync(), id, code);
        Json.AssertOk(await host.RequestAsync("""{"id":99,"type":"hello","protocol":1}"""), 99);
    }

    [Theory]
    [InlineData("{")]
    [InlineData("{\"id\":1,\"type\":\"hello\",}")]
    [InlineData("{\"id\":1 \"type\":\"hello\"}")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("hello")]
    [InlineData("{\"id\":1,\"type\":\"hello\"} trailing")]
    [InlineData("{\"id\":1,\"type\":\"hello\",\"protocol\":1} {}")]
    [InlineData("// comment\n{\"id\":1}")]
    [InlineData("{'id':1}")]
    [InlineData("{\"id\":1,\"id\":2,\"type\":\"hello\",\"protocol\":1}")]
    public Task Malformed_json_is_bad_json_with_null_id(string json) => AssertAnsweredThenAlive(Encoding.UTF8.GetBytes(json), null, "bad_json");

    [Theory]
    [InlineData("[1,2]")]
    [InlineData("42")]
    [InlineData("\"a string\"")]
    [InlineData("null")]
    [InlineData("true")]
    public Task Json_that_is_not_an_object_is_not_an_object(string json) => AssertAnsweredThenAlive(Encoding.UTF8.GetBytes(json), null, "not_an_object");

    [Fact]
    public Task Unknown_type_is_unknown_type() => AssertAnsweredThenAlive(Encoding.UTF8.GetBytes("""{"id":5,"type":"room.explode"}"""), 5, "unknown_type");

    [Theory]
    [InlineData("room.explode", "Request type 'room.explode' is not known to this host.")]
    [InlineData("", "This request type is not known to this host.")]
    [InlineData("<script>", "This request type is not known to this host.")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "This request type is not known to this host.")]
    public async Task Unknown_types_are_named_only_when_short_and_plain(string type, string message)
    {
        await using var host = HostProcess.Start();
        var response = await host.RequestAsync($$"""{"id":5,"type":"{{type}}"}""");
        Json.AssertError(response, 5, "unknown_type");
        Assert.Equal(message, response.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public Task Missing_type_is_missing_field() => AssertAnsweredThenAlive(Encoding.UTF8.GetBytes("""{"id":6}"""), 6, "missing_field");

    [Theory]
    [InlineData("1")]
    [InlineData("null")]
    [InlineData("{}")]
    public Task Non_string_type_is_wrong_type(string type) => AssertAnsweredThenAlive(Encoding.UTF8.GetBytes($$"""{"id":8,"type":{{type}}}"""), 8, "wrong_type");

    [Theory]
    [InlineData("\"7\"")]
    [InlineData("1.5")]
    [InlineData("null")]
    [InlineData("[1]")]
    [InlineData("1e400")]
    [InlineData("99999999999999999999")]
    public Task An_id_that_cannot_be_read_is_answered_with_null_id(string id) =>
        AssertAnsweredThenAlive(Encoding.UTF8.GetBytes($$"""{"id":{{id}},"type":"hello","protocol":1}"""), null, "wrong_type");

    [Fact]
    public Task Missing_id_is_missing_field_with_null_id() =>
        AssertAnsweredThenAlive(Encoding.UTF8.GetBytes("""{"type":"hello","protocol":1}"""), null, "missing_field");

    public static TheoryData<byte[]> InvalidUtf8 => new()
    {
        new byte[] { 0xFF },
        new byte[] { (byte)'{', 0xC0, 0xAF, (byte)'}' },                 // overlong '/'
        Encoding.UTF8.GetBytes("{\"id\":1,\"type\":\"hello\",\"x\":\"").Concat(new byte[] { 0xED, 0xA0, 0x80 }).Concat("\"}"u8.ToArray()).ToArray(), // UTF-16 surrogate
        Encoding.UTF8.GetBytes("{\"id\":1,\"type\":\"hello\",\"protocol\":1,\"x\":\"").Concat(new byte[] { 0xE2, 0x82 }).Concat("\"}"u8.ToArray()).ToArray(), // truncated sequence
        new byte[] { 0xF5, 0x80, 0x80, 0x80 },                              // above U+10FFFF
    };

    [Theory]
    [MemberData(nameof(InvalidUtf8))]
    public Task Invalid_utf8_is_invalid_utf8_even_when_the_json_around_it_is_fine(byte[] payload) =>
        AssertAnsweredThenAlive(payload, null, "invalid_utf8");

    [Fact]
    public async Task Ten_thousand_open_brackets_are_bad_json_not_a_crash()
    {
        await AssertAnsweredThenAlive(Encoding.ASCII.GetBytes(new string('[', 10_000)), null, "bad_json");
        await AssertAnsweredThenAlive(Encoding.ASCII.GetBytes("{\"id\":1,\"type\":\"hello\",\"protocol\":1,\"x\":" + new string('[', 10_000) + new string(']', 10_000) + "}"), null, "bad_json");
    }

    [Fact]
    public async Task A_huge_string_field_is_read_and_ignored()
    {
        await using var host = HostProcess.Start();
        var huge = new string('a', 1_000_000);
        Json.AssertOk(await host.RequestAsync($$"""{"id":11,"type":"hello","protocol":1,"padding":"{{huge}}"}"""), 11);
        Json.AssertOk(await host.RequestAsync("""{"id":12,"type":"state.get"}"""), 12);
    }

    [Theory]
    [InlineData("call.start")]
    [InlineData("call.accept")]
    [InlineData("call.decline")]
    [InlineData("call.hangup")]
    [InlineData("call.mute")]
    public Task Call_requests_without_a_room_are_no_room(string type) =>
        AssertAnsweredThenAlive(Encoding.UTF8.GetBytes($$"""{"id":21,"type":"{{type}}"{{(type == "call.mute" ? ",\"muted\":true" : "")}}}"""), 21, "no_room");

    [Theory]
    [InlineData("room.create")]
    [InlineData("room.join")]
    [InlineData("room.accept")]
    [InlineData("chat.send")]
    [InlineData("chat.typing")]
    [InlineData("chat.history")]
    [InlineData("qr.decode")]
    public Task Room_requests_without_their_fields_name_the_missing_field(string type) =>
        AssertAnsweredThenAlive(Encoding.UTF8.GetBytes($$"""{"id":22,"type":"{{type}}"}"""), 22, "missing_field");

    [Fact]
    public Task An_escaped_lone_surrogate_type_is_bad_json_with_its_id() =>
        AssertAnsweredThenAlive(Encoding.UTF8.GetBytes("{\"id\":31,\"type\":\"\\uD800\"}"), 31, "bad_json");

    // Fuzz finding F1: a lone surrogate in a property NAME used to escape the parser as a host fault.
    [Theory]
    [InlineData("{\"\\ud800\":1}")]
    [InlineData("{\"id\":32,\"type\":\"hello\",\"protocol\":1,\"x\\udc00\":0}")]
    public Task An_escaped_lone_surrogate_property_name_is_bad_json(string json) =>
        AssertAnsweredThenAlive(Encoding.UTF8.GetBytes(json), null, "bad_json");
}
