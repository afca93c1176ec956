namespace SecureLink.WebRtc.Sdp;

/// <summary>
/// The SDP text is malformed. The message names the line (1-based) and what was expected;
/// it never quotes more than a short prefix of the offending line.
/// </summary>
public sealed class SdpParseException : FormatException
{
    public SdpParseException(int lineNumber, string problem)
        : base($"SDP line {lineNumber}: {problem}")
    {
        LineNumber = lineNumber;
        Problem = problem;
    }

    /// <summary>1-based number of the line at fault (one past the last line for "missing" errors).</summary>
    public int LineNumber { get; }

    /// <summary>The problem without the line prefix.</summary>
    public string Problem { get; }
}
