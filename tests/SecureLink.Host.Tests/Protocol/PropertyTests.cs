using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SecureLink.Host.Framing;
using SecureLink.Host.Protocol;
using SecureLink.Host.Tests.Support;

namespace SecureLink.Host.Tests.Protocol;

/// <summary>Random input never escapes as an exception, and every frame we answer is well-formed.</summary>
public sealed class PropertyTests
{
    [Property(MaxTest = 300)]
    public bool Random_bytes_never_throw_out_of_the_reader(byte[] input)
    {
        using var reader = new FrameReader(new MemoryStream(input));
        for (var i = 0; i < input.Length + 2; i++)
        {
            var r = reader.ReadAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
            if (r.Kind is FrameReadKind.End or FrameReadKind.Truncated) return true;
        }
        return false;
    }

    [Property(MaxTest = 300)]
    public bool Random_bytes_never_throw_out_of_the_parser(byte[] input)
    {
        using var outcome = RequestParser.Parse(input);
        return outcome.Request is not null ^ outcome.Error is not null;
    }

    [Property(MaxTest = 200)]
    public bool Random_strings_get_exactly_one_well_formed_answer(string text)
    {
        using var outcome = RequestParser.Parse(System.Text.Encoding.UTF8.GetBytes(text ?? ""));
        return outcome.Error is null || outcome.Error.Code is ErrorCodes.BadJson or ErrorCodes.NotAnObject or ErrorCodes.MissingField or ErrorCodes.WrongType or ErrorCodes.InvalidUtf8;
    }

    [Property(MaxTest = 150)]
    public bool Random_frames_through_the_whole_host_are_each_answered(NonEmptyArray<byte[]> payloads)
    {
        var input = payloads.Get.SelectMany(p => Frames.Of(p ?? [])).ToArray();
        var (code, frames) = InProcessHost.RunAsync(input).GetAwaiter().GetResult();
        return code == 0
            && frames.Count == payloads.Get.Length
            && frames.All(f => InProcessHost.Parse(f).TryGetProperty("ok", out _));
    }

    [Property(MaxTest = 150)]
    public bool Random_streams_through_the_whole_host_exit_zero_with_well_formed_output(byte[] input)
    {
        var (code, frames) = InProcessHost.RunAsync(input).GetAwaiter().GetResult();
        return code == 0 && frames.All(f => InProcessHost.Parse(f).GetProperty("ok").GetBoolean() == false);
    }

    [Property(MaxTest = 100)]
    public bool Mutated_valid_requests_never_break_the_host(PositiveInt seed)
    {
        var random = new Random(seed.Get);
        var bytes = System.Text.Encoding.UTF8.GetBytes("""{"id":1,"type":"hello","protocol":1}""");
        for (var i = random.Next(1, 4); i > 0; i--) bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
        var (code, frames) = InProcessHost.RunAsync([.. Frames.Of(bytes), .. Frames.Of("""{"id":2,"type":"state.get"}""")]).GetAwaiter().GetResult();
        return code == 0 && frames.Count == 2 && InProcessHost.Parse(frames[1]).GetProperty("id").GetInt64() == 2;
    }
}
