using System.Text.Json;
using SecureLink.Host.Tests.Support;

namespace SecureLink.Host.Tests.RealHost;

/// <summary>hello and state.get against the real host process.</summary>
public sealed class HelloAndStateTests
{
    [Fact]
    public async Task Hello_reports_version_protocol_and_the_process_id()
    {
        await using var host = HostProcess.Start();
        var response = await host.RequestAsync("""{"id":1,"type":"hello","protocol":1}""");
        Json.AssertOk(response, 1);
        var info = response.GetProperty("host");
        Assert.Equal("0.1.0", info.GetProperty("version").GetString());
        Assert.Equal(1, info.GetProperty("protocol").GetInt32());
        Assert.Equal(host.Pid, info.GetProperty("pid").GetInt32());
    }

    [Theory]
    [InlineData("2")]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("99999999999999999999")]
    public async Task Hello_with_another_protocol_is_unsupported_and_lists_what_is(string protocol)
    {
        await using var host = HostProcess.Start();
        var response = await host.RequestAsync($$"""{"id":7,"type":"hello","protocol":{{protocol}}}""");
        Json.AssertError(response, 7, "unsupported_protocol");
        var supported = response.GetProperty("error").GetProperty("supported");
        Assert.Equal([1], supported.EnumerateArray().Select(e => e.GetInt32()).ToArray());
    }

    [Fact]
    public async Task Hello_without_protocol_is_missing_field_naming_it()
    {
        await using var host = HostProcess.Start();
        var response = await host.RequestAsync("""{"id":2,"type":"hello"}""");
        Json.AssertError(response, 2, "missing_field");
        Assert.Contains("'protocol'", response.GetProperty("error").GetProperty("message").GetString());
    }

    [Theory]
    [InlineData("\"1\"")]
    [InlineData("null")]
    [InlineData("true")]
    [InlineData("[1]")]
    [InlineData("{}")]
    public async Task Hello_with_a_non_number_protocol_is_wrong_type(string protocol)
    {
        await using var host = HostProcess.Start();
        var response = await host.RequestAsync($$"""{"id":3,"type":"hello","protocol":{{protocol}}}""");
        Json.AssertError(response, 3, "wrong_type");
        Assert.Equal("Field 'protocol' must be a number.", response.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task State_get_returns_the_empty_snapshot()
    {
        await using var host = HostProcess.Start();
        var response = await host.RequestAsync("""{"id":4,"type":"state.get"}""");
        Json.AssertOk(response, 4);
        Assert.Equal(JsonValueKind.Null, response.GetProperty("room").ValueKind);
        Assert.Equal(0, response.GetProperty("messages").GetArrayLength());
        Assert.False(response.GetProperty("hasOlder").GetBoolean());
        Assert.Equal(JsonValueKind.Null, response.GetProperty("call").ValueKind);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("9007199254740993")]
    [InlineData("9223372036854775807")]
    public async Task Ids_come_back_exactly(string id)
    {
        await using var host = HostProcess.Start();
        var response = await host.RequestAsync($$"""{"type":"state.get","id":{{id}}}""");
        Assert.Equal(long.Parse(id, System.Globalization.CultureInfo.InvariantCulture), response.GetProperty("id").GetInt64());
        Assert.True(response.GetProperty("ok").GetBoolean());
    }

    [Fact]
    public async Task Unknown_fields_are_ignored()
    {
        await using var host = HostProcess.Start();
        var response = await host.RequestAsync("""{"id":5,"type":"hello","protocol":1,"extra":{"nested":[1,2,3]},"x":null}""");
        Json.AssertOk(response, 5);
    }

    [Fact]
    public async Task A_burst_of_1000_requests_is_answered_in_order()
    {
        await using var host = HostProcess.Start();
        const int count = 1000;
        var reader = Task.Run(async () =>
        {
            var ids = new List<long>();
            for (var i = 0; i < count; i++)
            {
                var r = await host.ReceiveAsync();
                Assert.True(r.GetProperty("ok").GetBoolean());
                ids.Add(r.GetProperty("id").GetInt64());
            }
            return ids;
        });
        using (var batch = new MemoryStream())
        {
            for (var i = 0; i < count; i++)
                batch.Write(Frames.Of(i % 2 == 0 ? $$"""{"id":{{i}},"type":"hello","protocol":1}""" : $$"""{"id":{{i}},"type":"state.get"}"""));
            await host.SendRawAsync(batch.ToArray());
        }
        var received = await reader.WaitAsync(HostProcess.Timeout);
        Assert.Equal(Enumerable.Range(0, count).Select(i => (long)i), received);
    }

    [Fact]
    public async Task The_same_host_answers_many_sessions_of_requests_with_the_same_pid()
    {
        await using var host = HostProcess.Start();
        var first = await host.RequestAsync("""{"id":1,"type":"hello","protocol":1}""");
        await host.RequestAsync("""{"id":2,"type":"nope"}""");
        await host.SendRawAsync(Frames.Header(2_000_000));
        await host.SendRawAsync(new byte[2_000_000]);
        Json.AssertError(await host.ReceiveAsync(), null, "frame_too_large");
        var second = await host.RequestAsync("""{"id":3,"type":"hello","protocol":1}""");
        Assert.Equal(first.GetProperty("host").GetProperty("pid").GetInt32(), second.GetProperty("host").GetProperty("pid").GetInt32());
    }
}
