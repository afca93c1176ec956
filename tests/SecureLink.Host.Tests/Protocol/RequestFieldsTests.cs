using System.Text;
using System.Text.Json;
using SecureLink.Host.Protocol;

namespace SecureLink.Host.Tests.Protocol;

public sealed class RequestFieldsTests
{
    private static JsonElement Body(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.Clone();
    }

    private static RequestException Fails(Action read) => Assert.Throws<RequestException>(read);

    [Fact]
    public void Strings_are_required_and_typed()
    {
        Assert.Equal("héllo", RequestFields.RequireString(Body("""{"text":"h\u00e9llo"}"""), "text"));
        Assert.Equal(ErrorCodes.MissingField, Fails(() => RequestFields.RequireString(Body("{}"), "text")).Code);
        var wrong = Fails(() => RequestFields.RequireString(Body("""{"text":5}"""), "text"));
        Assert.Equal(ErrorCodes.WrongType, wrong.Code);
        Assert.Equal("Field 'text' must be a string.", wrong.Message);
    }

    [Fact]
    public void An_escaped_lone_surrogate_is_bad_json_not_a_crash()
    {
        var e = Fails(() => RequestFields.RequireString(Body("""{"text":"a\uD800b"}"""), "text"));
        Assert.Equal(ErrorCodes.BadJson, e.Code);
    }

    [Fact]
    public void A_lone_surrogate_type_is_answered_with_the_id()
    {
        using var outcome = RequestParser.Parse(Encoding.UTF8.GetBytes("""{"id":4,"type":"\uDC00"}"""));
        Assert.Equal(4, outcome.Id);
        Assert.Equal(ErrorCodes.BadJson, outcome.Error!.Code);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    public void Booleans_are_read(string json, bool expected) =>
        Assert.Equal(expected, RequestFields.RequireBoolean(Body($$"""{"typing":{{json}}}"""), "typing"));

    [Theory]
    [InlineData("1")]
    [InlineData("\"true\"")]
    [InlineData("null")]
    public void Non_booleans_are_wrong_type(string json) =>
        Assert.Equal(ErrorCodes.WrongType, Fails(() => RequestFields.RequireBoolean(Body($$"""{"typing":{{json}}}"""), "typing")).Code);

    [Theory]
    [InlineData("{}", null)]
    [InlineData("""{"pinDigits":null}""", null)]
    [InlineData("""{"pinDigits":4}""", 4)]
    [InlineData("""{"pinDigits":10}""", 10)]
    public void Optional_integers_in_range_are_read(string json, int? expected) =>
        Assert.Equal(expected, RequestFields.OptionalInt32(Body(json), "pinDigits", 4, 10));

    [Theory]
    [InlineData("""{"pinDigits":3}""")]
    [InlineData("""{"pinDigits":11}""")]
    [InlineData("""{"pinDigits":4.5}""")]
    [InlineData("""{"pinDigits":"6"}""")]
    public void Optional_integers_out_of_range_or_type_are_wrong_type(string json)
    {
        var e = Fails(() => RequestFields.OptionalInt32(Body(json), "pinDigits", 4, 10));
        Assert.Equal(ErrorCodes.WrongType, e.Code);
        Assert.Contains("'pinDigits'", e.Message);
    }
}
