namespace SecureLink.Voice.Call;

/// <summary>
/// RMS of the last five 20 ms frames (~100 ms), shown as a perceptual 0..1 level: dBFS mapped
/// linearly from −60 (0) to 0 (1), because a linear RMS bar barely moves for normal speech.
/// One writer (the capture thread); any thread reads <see cref="Level"/>.
/// </summary>
internal sealed class MicLevelMeter
{
    private const int Frames = 5;
    private readonly double[] _energy = new double[Frames];
    private readonly int[] _count = new int[Frames];
    private int _slot;
    private double _level;

    /// <summary>The level in 0..1.</summary>
    internal double Level => Volatile.Read(ref _level);

    /// <summary>Adds one frame of samples.</summary>
    internal void Add(ReadOnlySpan<short> frame)
    {
        double sum = 0;
        foreach (var s in frame) sum += (double)s * s;
        _energy[_slot] = sum;
        _count[_slot] = frame.Length;
        _slot = (_slot + 1) % Frames;
        double e = 0;
        long n = 0;
        for (var i = 0; i < Frames; i++) { e += _energy[i]; n += _count[i]; }
        Volatile.Write(ref _level, n == 0 ? 0 : ToLevel(Math.Sqrt(e / n) / 32768.0));
    }

    /// <summary>Forgets everything (mute, dispose).</summary>
    internal void Reset()
    {
        Array.Clear(_energy);
        Array.Clear(_count);
        Volatile.Write(ref _level, 0);
    }

    /// <summary>Linear RMS (full scale = 1) to the 0..1 meter scale.</summary>
    internal static double ToLevel(double rms)
    {
        if (rms <= 0) return 0;
        var db = 20 * Math.Log10(rms);
        return Math.Clamp((db + 60) / 60, 0, 1);
    }
}
