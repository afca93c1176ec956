using System.Diagnostics;
using System.Net;
using SecureLink.Rooms.Codes;
using SecureLink.Rooms.Qr;

namespace SecureLink.Benchmarks;

/// <summary>
/// How big invite and reply codes are (characters, QR version at ECC M) for 1, 2 and 4
/// candidates, against the reference they replace: the full standard SDP rebuilt from the same
/// record, which people would otherwise have to carry. Also the encode + decode time.
/// </summary>
public sealed class CodeSizesBenchmark : IBenchmark
{
    private static readonly DateTimeOffset Expiry = DateTimeOffset.UtcNow.AddMinutes(10);

    public string Name => "code-sizes";
    public string Description => "invite/reply code length and QR version for 1, 2, 4 candidates, vs the SDP they stand for";

    public Task RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        output.WriteLine($"{"code",-46} {"chars",5} {"QR v",4}   {"SDP chars",9} {"SDP QR v",8}   {"code/SDP",8}");
        foreach (var n in new[] { 1, 2, 4 })
        {
            var offline = Offline(n);
            Row(output, $"invite, offline, {n} IPv4 host", InviteCode.Encode(offline), CodeSdp.OfferFromInvite(offline));
            var internet = Internet(n);
            Row(output, $"invite, internet + 1 STUN, {n} of v4,v6,srflx", InviteCode.Encode(internet), CodeSdp.OfferFromInvite(internet));
            var reply = Reply(n);
            Row(output, $"reply, {n} IPv4 host", ReplyCode.Encode(reply), CodeSdp.AnswerFromReply(reply));
        }

        var code = InviteCode.Encode(Internet(4));
        const int rounds = 20_000;
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < rounds && !cancellationToken.IsCancellationRequested; i++)
            InviteCode.Decode(InviteCode.Encode(Internet(4)), DateTimeOffset.UtcNow);
        output.WriteLine($"encode + decode (4 candidates)   {sw.Elapsed.TotalMilliseconds * 1000 / rounds:F1} µs");
        sw.Restart();
        var png = QrRenderer.ToPng(code, 4);
        for (var i = 0; i < 20 && !cancellationToken.IsCancellationRequested; i++) QrDecoder.Decode(png);
        output.WriteLine($"QR decode of a {png.Length} B PNG     {sw.Elapsed.TotalMilliseconds / 20:F1} ms");
        return Task.CompletedTask;
    }

    private static void Row(TextWriter output, string what, string code, string sdp)
    {
        var sdpVersion = QrRenderer.VersionFor(sdp);
        output.WriteLine($"{what,-46} {code.Length,5} {QrRenderer.VersionFor(code),4}   {sdp.Length,9} {sdpVersion,8}   {(double)code.Length / sdp.Length,8:P0}");
    }

    private static byte[] RoomId => [1, 2, 3, 4, 5, 6, 7, 8];

    private static byte[] Fingerprint => [.. Enumerable.Range(0, 32).Select(i => (byte)(0xA0 + i))];

    private static InviteRecord Offline(int n) => new(RoomId, ConnectMode.Offline, "Ab3+Cd/9", "0123456789abcdefGHIJKLMN", Fingerprint,
        [.. Enumerable.Range(0, n).Select(i => new CodeCandidate(IPAddress.Parse($"192.0.2.{i + 10}"), 50000 + i, false))], [], Expiry);

    private static InviteRecord Internet(int n)
    {
        CodeCandidate[] mix =
        [
            new(IPAddress.Parse("192.0.2.10"), 50000, false),
            new(IPAddress.Parse("2001:db8:5e::1"), 50001, false),
            new(IPAddress.Parse("203.0.113.7"), 61000, true),
            new(IPAddress.Parse("2001:db8:ffff::7"), 61001, true),
        ];
        return new InviteRecord(RoomId, ConnectMode.Internet, "Ab3+Cd/9", "0123456789abcdefGHIJKLMN", Fingerprint, mix[..n],
            ["stun.example.org:3478"], Expiry);
    }

    private static ReplyRecord Reply(int n) => new(RoomId, "Zy9/Xw+1", "ZYXWVUTSRQPONMLKJIHGFEDCBA", Fingerprint,
        [.. Enumerable.Range(0, n).Select(i => new CodeCandidate(IPAddress.Parse($"192.0.2.{i + 20}"), 40000 + i, false))]);
}
