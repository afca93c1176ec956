using SecureLink.Host.Protocol;

namespace SecureLink.Fuzz.Tests.Harnesses;

/// <summary>One native-messaging frame's payload: the parser answers a request or an error, never throws.</summary>
public static class RequestHarness
{
    public static void Run(ReadOnlySpan<byte> data)
    {
        using var outcome = RequestParser.Parse(data.ToArray());
        if ((outcome.Request is null) == (outcome.Error is null))
            throw new FuzzInvariantException("ParseOutcome must hold exactly one of a request and an error.");
    }
}
