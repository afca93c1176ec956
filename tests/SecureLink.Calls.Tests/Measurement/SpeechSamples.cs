namespace SecureLink.Calls.Measurement;

/// <summary>
/// Real speech for call tests, made on the spot: espeak-ng speaks a sentence (22.05 kHz), sox
/// turns it into 48 kHz mono 16-bit. Synthetic, so the same on every machine with the same
/// espeak-ng, and nothing recorded from a person is stored in the repository.
/// </summary>
public static class SpeechSamples
{
    public const string DefaultSentence =
        "The quick brown fox jumps over the lazy dog. Secure voice calls should sound clear, even when packets are lost on the way.";

    /// <summary>Writes the speech to <paramref name="wavPath"/> and returns its samples.</summary>
    public static short[] Make(string wavPath, string sentence = DefaultSentence, int rate = 48000, double padSeconds = 0.3)
    {
        var raw = wavPath + ".espeak.wav";
        try
        {
            Tool.Run("espeak-ng", ["-v", "en-us", "-s", "150", "-w", raw, sentence]);
            // Leading/trailing silence so the first and last syllables survive a device's start-up.
            Tool.Run("sox", [raw, "-r", rate.ToString(System.Globalization.CultureInfo.InvariantCulture), "-c", "1", "-b", "16", "-e", "signed-integer", wavPath,
                "gain", "-n", "-3", "pad", Inv(padSeconds), Inv(padSeconds)]);
        }
        finally
        {
            File.Delete(raw);
        }
        return Pcm.ReadWav(wavPath, rate);
    }

    /// <summary>Uniform white noise at about -12 dBFS: what an unintelligible channel would score (a baseline).</summary>
    public static short[] WhiteNoise(int samples, int seed = 7)
    {
        var r = new Random(seed);
        var noise = new short[samples];
        for (var i = 0; i < samples; i++) noise[i] = (short)r.Next(-8000, 8000);
        return noise;
    }

    private static string Inv(double v) => v.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
