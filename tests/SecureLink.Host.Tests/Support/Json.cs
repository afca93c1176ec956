using System.Text.Json;

namespace SecureLink.Host.Tests.Support;

/// <summary>Assertions on response frames.</summary>
public static class Json
{
    public static void AssertError(JsonElement response, long? id, string code)
    {
        Assert.Equal(JsonValueKind.Object, response.ValueKind);
        if (id is null) Assert.Equal(JsonValueKind.Null, response.GetProperty("id").ValueKind);
        else Assert.Equal(id.Value, response.GetProperty("id").GetInt64());
        Assert.False(response.GetProperty("ok").GetBoolean());
        var error = response.GetProperty("error");
        Assert.Equal(code, error.GetProperty("code").GetString());
        var message = error.GetProperty("message").GetString();
        Assert.False(string.IsNullOrWhiteSpace(message));
        Assert.EndsWith(".", message);
    }

    public static void AssertOk(JsonElement response, long id)
    {
        Assert.Equal(id, response.GetProperty("id").GetInt64());
        Assert.True(response.GetProperty("ok").GetBoolean(), response.GetRawText());
    }
}
