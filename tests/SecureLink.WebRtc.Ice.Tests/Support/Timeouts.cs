namespace SecureLink.WebRtc.Ice.Tests.Support;

internal static class Timeouts
{
    /// <summary>Generous: only there so a broken build cannot hang the suite.</summary>
    public static readonly TimeSpan Test = TimeSpan.FromSeconds(20);

    public static CancellationToken Token() => new CancellationTokenSource(Test).Token;
}
