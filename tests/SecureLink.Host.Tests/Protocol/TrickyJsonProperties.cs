using System.Text;
using FsCheck;
using FsCheck.Xunit;
using SecureLink.Host.Tests.Support;

namespace SecureLink.Host.Tests.Protocol;

/// <summary>
/// Requests assembled from the values that break JSON handlers in practice (escaped lone
/// surrogates, huge or fractional numbers, deep nesting, duplicate keys, wrong types in every
/// field), sent through the whole host: every frame gets exactly one well-formed answer and
/// the host still answers afterwards. Random bytes alone almost never produce these.
/// </summary>
public sealed class TrickyJsonProperties
{
    private static readonly string[] Values =
    [
        "1", "0", "-1", "1.5", "1e400", "-0", "99999999999999999999", "9223372036854775807",
        "null", "true", "false", "[]", "{}", "[[[[[[[[[[1]]]]]]]]]]",
        "\"\"", "\"hello\"", "\"state.get\"", "\"room.create\"", "\"\\uD800\"", "\"\\uDC00x\"", "\"\\u0000\"",
        "\"\\ud83d\\ude00\"", "\"é\"", "\"\\\"\"", "\"" + new string('a', 5000) + "\"",
        new string('[', 70) + new string(']', 70),
    ];

    private static readonly string[] Keys = ["id", "type", "protocol", "text", "typing", "muted", "pin", "invite", "mode", "pinDigits", "x"];

    private static string RandomRequest(Random random)
    {
        var sb = new StringBuilder("{");
        var fields = random.Next(0, 6);
        for (var i = 0; i < fields; i++)
        {
            if (i > 0) sb.Append(',');
            sb.Append('"').Append(Keys[random.Next(Keys.Length)]).Append("\":").Append(Values[random.Next(Values.Length)]);
        }
        return sb.Append('}').ToString();
    }

    [Property(MaxTest = 200)]
    public bool Tricky_requests_each_get_one_answer_and_the_host_keeps_going(PositiveInt seed)
    {
        var random = new Random(seed.Get);
        var requests = Enumerable.Range(0, 8).Select(_ => RandomRequest(random)).ToList();
        var input = requests.SelectMany(r => Frames.Of(r)).Concat(Frames.Of("""{"id":424242,"type":"hello","protocol":1}""")).ToArray();
        var (code, frames) = InProcessHost.RunAsync(input).GetAwaiter().GetResult();
        if (code != 0 || frames.Count != requests.Count + 1) return false;
        var answers = frames.Select(InProcessHost.Parse).ToList();
        var last = answers[^1];
        return answers.All(a => a.TryGetProperty("ok", out _) && a.TryGetProperty("id", out _))
            && answers.Where(a => !a.GetProperty("ok").GetBoolean()).All(a => a.GetProperty("error").GetProperty("code").GetString() is { Length: > 0 })
            && last.GetProperty("id").GetInt64() == 424242 && last.GetProperty("ok").GetBoolean();
    }
}
