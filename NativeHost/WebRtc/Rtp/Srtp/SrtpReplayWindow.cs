namespace SecureLink.WebRtc.Srtp;

/// <summary>
/// The sliding replay list of RFC 3711 §3.3.2 over packet indices: the highest index accepted and
/// a bitmap of the <see cref="Size"/> indices at or below it. Checking and recording are separate
/// steps because only an authenticated packet may move the window.
/// </summary>
internal struct SrtpReplayWindow
{
    /// <summary>Packets below the highest that are still accepted (the RFC asks for at least 64).</summary>
    public const int Size = 128;

    private UInt128 _bits;
    private ulong _highest;
    private bool _any;

    public readonly bool IsEmpty => !_any;
    public readonly ulong Highest => _highest;

    /// <summary>True when <paramref name="index"/> has not been seen and is not older than the window.</summary>
    public readonly bool Check(ulong index)
    {
        if (!_any || index > _highest) return true;
        var age = _highest - index;
        if (age >= Size) return false;
        return (_bits & (UInt128.One << (int)age)) == UInt128.Zero;
    }

    public void Record(ulong index)
    {
        if (!_any)
        {
            _any = true;
            _highest = index;
            _bits = UInt128.One;
            return;
        }
        if (index > _highest)
        {
            var shift = index - _highest;
            _bits = shift >= Size ? UInt128.One : (_bits << (int)shift) | UInt128.One;
            _highest = index;
            return;
        }
        var age = _highest - index;
        if (age < Size) _bits |= UInt128.One << (int)age;
    }
}
