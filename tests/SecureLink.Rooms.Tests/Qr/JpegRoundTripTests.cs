using System.Diagnostics;
using SecureLink.Rooms.Codes;
using SecureLink.Rooms.Qr;
using SecureLink.Rooms.Tests.Codes;
using Xunit;

namespace SecureLink.Rooms.Tests.Qr;

/// <summary>
/// A QR code as people drop it: a JPEG, scaled, slightly rotated, with noise. Made with
/// ImageMagick's /usr/bin/convert when it is installed (apt-get install imagemagick); skipped otherwise.
/// </summary>
public class JpegRoundTripTests
{
    [ConvertTheory]
    [InlineData("-resize 73% -quality 60")]
    [InlineData("-resize 140% -rotate 4 -background white -flatten -quality 50")]
    [InlineData("-attenuate 0.5 +noise Gaussian -resize 90% -quality 70")]
    [InlineData("-colorspace Gray -blur 0x0.6 -quality 80")]
    public async Task A_scaled_noisy_jpeg_decodes_to_the_code(string operations)
    {
        var code = InviteCode.Encode(Samples.InternetInvite(4));
        var jpeg = await ConvertAsync(QrRenderer.ToPng(code, 6), operations);
        Assert.Equal([0xFF, 0xD8], jpeg[..2]);
        Assert.Equal(code, QrDecoder.Decode(jpeg));
    }

    private static async Task<byte[]> ConvertAsync(byte[] png, string operations)
    {
        var dir = Directory.CreateTempSubdirectory("securelink-qr-");
        try
        {
            var input = Path.Combine(dir.FullName, "in.png");
            var output = Path.Combine(dir.FullName, "out.jpg");
            await File.WriteAllBytesAsync(input, png);
            var start = new ProcessStartInfo(ConvertTheoryAttribute.Convert) { RedirectStandardError = true };
            start.ArgumentList.Add(input);
            foreach (var op in operations.Split(' ')) start.ArgumentList.Add(op);
            start.ArgumentList.Add(output);
            using var process = Process.Start(start)!;
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            var stderr = process.StandardError.ReadToEndAsync(cts.Token);
            await process.WaitForExitAsync(cts.Token);
            Assert.True(process.ExitCode == 0, await stderr);
            return await File.ReadAllBytesAsync(output, cts.Token);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}

/// <summary>A theory that needs ImageMagick's convert (the real one in /usr/bin).</summary>
public sealed class ConvertTheoryAttribute : TheoryAttribute
{
    public const string Convert = "/usr/bin/convert";

    public ConvertTheoryAttribute()
    {
        if (!File.Exists(Convert)) Skip = "needs ImageMagick (apt-get install imagemagick)";
    }
}
