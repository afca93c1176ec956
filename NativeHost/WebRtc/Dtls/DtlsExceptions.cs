namespace SecureLink.WebRtc.Dtls;

/// <summary>
/// The peer's certificate is not the one the invite or reply code promised: someone
/// may be sitting in the middle. The handshake was aborted with a bad_certificate alert
/// and the transport closed.
/// </summary>
public sealed class DtlsFingerprintMismatchException : Exception
{
    public DtlsFingerprintMismatchException()
        : base("The other side's security certificate did not match the invite code.") { }

    public DtlsFingerprintMismatchException(string message) : base(message) { }

    public DtlsFingerprintMismatchException(DtlsFingerprint expected, DtlsFingerprint actual)
        : base("The other side's security certificate did not match the invite code.")
    {
        Expected = expected;
        Actual = actual;
    }

    /// <summary>What the code promised (a public value, safe to log).</summary>
    public DtlsFingerprint? Expected { get; }

    /// <summary>What the peer presented, hashed with the expected algorithm.</summary>
    public DtlsFingerprint? Actual { get; }
}

/// <summary>The DTLS handshake failed for any reason other than a fingerprint mismatch;
/// the message is one sentence a person can read.</summary>
public sealed class DtlsHandshakeException : Exception
{
    public DtlsHandshakeException() : base("The secure (DTLS) handshake failed.") { }
    public DtlsHandshakeException(string message) : base(message) { }
    public DtlsHandshakeException(string message, Exception inner) : base(message, inner) { }
}
