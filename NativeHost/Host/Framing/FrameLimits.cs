namespace SecureLink.Host.Framing;

/// <summary>Size limits of the native messaging stream, in both directions.</summary>
public static class FrameLimits
{
    /// <summary>
    /// The largest frame we read and the largest we write: 1 MiB. Chromium refuses host → browser
    /// messages above this, and nothing in our protocol needs a bigger request.
    /// </summary>
    public const int MaxFrameBytes = 1024 * 1024;

    /// <summary>The length prefix: a 32-bit unsigned integer in the machine's byte order.</summary>
    public const int HeaderBytes = 4;
}
