using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using SecureLink.WebRtc.Stun;

namespace SecureLink.Benchmarks;

/// <summary>
/// How fast we build and check an ICE connectivity check, against the floor of the same
/// work: the HMAC-SHA1 alone over the same bytes. The ratio says how much the codec adds.
/// </summary>
public sealed class StunCodecBenchmark : IBenchmark
{
    public string Name => "stun-codec";
    public string Description => "encode + parse + MESSAGE-INTEGRITY + FINGERPRINT of an ICE check, vs bare HMAC-SHA1";

    public Task RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        var key = Encoding.UTF8.GetBytes("VOkJxbRl1RmTxUk/WvJxBtAB");
        var request = new StunMessage(StunMessageClass.Request, StunMethod.Binding)
            .Add(new UsernameAttribute("abcdefgh:ijklmnop"))
            .Add(new PriorityAttribute(1862270975))
            .Add(new IceControllingAttribute(0x1234567890ABCDEF))
            .Add(new UseCandidateAttribute());
        var bytes = request.Encode(key, fingerprint: true);
        const int n = 200_000;

        var sw = Stopwatch.StartNew();
        for (var i = 0; i < n && !cancellationToken.IsCancellationRequested; i++)
        {
            var b = request.Encode(key, fingerprint: true);
            var m = StunMessage.Parse(b);
            if (!m.VerifyIntegrity(key) || !m.VerifyFingerprint()) throw new InvalidOperationException("codec broke");
        }
        var codec = sw.Elapsed;

        sw.Restart();
        for (var i = 0; i < n && !cancellationToken.IsCancellationRequested; i++)
        {
            HMACSHA1.HashData(key, bytes.AsSpan(0, bytes.Length - 32));
            HMACSHA1.HashData(key, bytes.AsSpan(0, bytes.Length - 32));
        }
        var floor = sw.Elapsed;

        output.WriteLine($"check size            {bytes.Length} bytes");
        output.WriteLine($"codec round trip      {n / codec.TotalSeconds:N0} checks/s ({codec.TotalMilliseconds * 1000 / n:F2} µs each)");
        output.WriteLine($"two HMAC-SHA1 only    {n / floor.TotalSeconds:N0} /s ({floor.TotalMilliseconds * 1000 / n:F2} µs each)");
        output.WriteLine($"ratio codec / floor   {codec / floor:F2}");
        return Task.CompletedTask;
    }
}
