using System.Buffers.Binary;
using System.Text;
using FsCheck.Xunit;
using QRCoder;
using SecureLink.Rooms.Codes;
using SecureLink.Rooms.Qr;
using SecureLink.Rooms.Tests.Codes;
using Xunit;

namespace SecureLink.Rooms.Tests.Qr;

/// <summary>Runs the decoder with a deadline, so a decoder that hangs fails the test instead of the run.</summary>
internal static class Bounded
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

    public static CodeException Decode(byte[] bytes) =>
        Decode(bytes, mayDecode: false) ?? throw new Xunit.Sdk.XunitException("Decode returned text for bytes that hold no code.");

    public static CodeException? Decode(byte[] bytes, bool mayDecode)
    {
        var task = Task.Run(() =>
        {
            try
            {
                QrDecoder.Decode(bytes);
                return null;
            }
            catch (Exception e)
            {
                return e;
            }
        });
        Assert.True(task.Wait(Limit), $"QrDecoder.Decode hung on {bytes.Length} bytes starting {Convert.ToHexString(bytes.AsSpan(0, Math.Min(16, bytes.Length)))}");
        if (task.Result is null)
        {
            Assert.True(mayDecode, "Decode returned text for bytes that hold no code.");
            return null;
        }
        return Assert.IsType<CodeException>(task.Result);
    }
}

/// <summary>A real baseline JPEG (64×64, written by ImageMagick 6.9), for header truncation.</summary>
internal static class Jpeg
{
    public static byte[] Header => Convert.FromBase64String(Base64);

    /// <summary>APP0 at 2, DQT at 20, SOF0 at 89, two DHT at 102 and 130, SOS at 180 (10 bytes): scan data from 190.</summary>
    public const int ScanDataStart = 190;

    private const string Base64 = "/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/wAALCABAAEABAREA/8QAGgABAAMBAQEAAAAAAAAAAAAAAAYHCAkDBP/EADAQAAECBAIFDQEBAAAAAAAAAAABAwIEBQYHEQgSEzdWFBcYISJ1hJWks7TS00Fx/9oACAEBAAA/ANUgAAAGQMe8Y77tXFiu0ag13klNlthsmeSMOausw3HF2ooFVe1Eq9a/0r/pCYncT+glfzHSExO4n9BK/mOkJidxP6CV/M2/h5UJqr2DbNSqDu2nZymS0w+5qpDruRtQxRLkiIiZqq9SJkSAAwBpSb9bn8L8VoqoA6VYTbrLN7lkvYgJUAYA0pN+tz+F+K0VUAdKsJt1lm9yyXsQEqAMAaUm/W5/C/FaKqAOlWE26yze5ZL2ICVAEfqtlWtV592eqts0SenXctpMTMg065HkiImcUUKquSIif4iHy83FkcG235Wx9RzcWRwbbflbH1HNxZHBtt+VsfUkspLMScqzKybLTEsxBC2001AkMDcEKZJDCidSIiIiIiHqAAAAAAAAD//Z";
}

public class QrDecoderErrorTests
{
    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 })]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A })] // a PNG signature and nothing else
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10 })]            // the start of a JPEG
    public void Bytes_that_are_no_image_are_image_unreadable(byte[] bytes) =>
        Assert.Equal(CodeErrors.ImageUnreadable, Bounded.Decode(bytes).Code);

    [Fact]
    public void A_jpeg_cut_off_in_any_header_segment_is_refused_at_once()
    {
        // StbImageSharp alone never returns on these (found by truncating real JPEGs).
        var jpeg = Jpeg.Header;
        for (var keep = 2; keep < Jpeg.ScanDataStart; keep++)
            Assert.Equal(CodeErrors.ImageUnreadable, Bounded.Decode(jpeg[..keep]).Code);
    }

    [Fact]
    public void Text_is_no_image() =>
        Assert.Equal(CodeErrors.ImageUnreadable,
            Assert.Throws<CodeException>(() => QrDecoder.Decode(Encoding.UTF8.GetBytes(InviteCode.Encode(Samples.OfflineInvite(1))))).Code);

    [Fact]
    public void An_image_without_a_QR_code_is_qr_unreadable()
    {
        // Same size as a real symbol, but every module light.
        using var data = new QRCodeGenerator().CreateQrCode("SLI000", QRCodeGenerator.ECCLevel.M);
        var blank = new PngByteQRCode(data).GetGraphic(8, [255, 255, 255, 255], [255, 255, 255, 255]);
        var e = Assert.Throws<CodeException>(() => QrDecoder.Decode(blank));
        Assert.Equal((CodeErrors.QrUnreadable, "No QR code was found in that image."), (e.Code, e.Message));
    }

    [Fact]
    public void A_huge_image_is_refused_before_it_is_decoded()
    {
        var e = Assert.Throws<CodeException>(() => QrDecoder.Decode(PngHeader(8000, 8000)));
        Assert.Equal((CodeErrors.ImageUnreadable, CodeErrors.ImageTooLarge), (e.Code, e.Detail));
    }

    [Fact]
    public void A_cut_off_png_never_escapes_as_another_exception()
    {
        var png = QrRenderer.ToPng(InviteCode.Encode(Samples.OfflineInvite(4)));
        for (var keep = 0; keep < png.Length; keep += Math.Max(1, png.Length / 60))
        {
            var e = Bounded.Decode(png[..keep]);
            Assert.Contains(e.Code, new[] { CodeErrors.ImageUnreadable, CodeErrors.QrUnreadable });
        }
    }

    [Property(MaxTest = 200)]
    public void Damaged_pngs_give_a_code_or_a_clean_error(int seed)
    {
        var rng = new Random(seed);
        var code = InviteCode.Encode(Samples.OfflineInvite(2));
        var png = QrRenderer.ToPng(code, 4);
        for (var i = 0; i < 1 + rng.Next(8); i++) png[rng.Next(png.Length)] = (byte)rng.Next(256);
        var e = Bounded.Decode(png, mayDecode: true);
        if (e is not null) Assert.Contains(e.Code, new[] { CodeErrors.ImageUnreadable, CodeErrors.QrUnreadable });
    }

    [Property(MaxTest = 300)]
    public void Random_bytes_give_a_clean_error(byte[] bytes)
    {
        var e = Bounded.Decode(bytes);
        Assert.Contains(e.Code, new[] { CodeErrors.ImageUnreadable, CodeErrors.QrUnreadable });
    }

    [Fact]
    public void Damaged_jpegs_give_a_clean_error_and_never_hang()
    {
        var rng = new Random(7);
        var jpeg = Jpeg.Header;
        for (var i = 0; i < 300; i++)
        {
            var b = (byte[])jpeg.Clone();
            for (var k = 0; k < 1 + rng.Next(4); k++) b[2 + rng.Next(b.Length - 2)] = (byte)rng.Next(256);
            if (rng.Next(2) == 0) b = b[..rng.Next(2, b.Length)];
            var e = Bounded.Decode(b);
            Assert.Contains(e.Code, new[] { CodeErrors.ImageUnreadable, CodeErrors.QrUnreadable });
        }
    }

    /// <summary>A PNG claiming the given size: signature, IHDR, an empty IDAT (the decoder looks for one), IEND.</summary>
    private static byte[] PngHeader(int width, int height)
    {
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 2; // RGB
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. Chunk("IHDR", ihdr), .. Chunk("IDAT", []), .. Chunk("IEND", [])];
        return png;
    }

    private static byte[] Chunk(string type, byte[] data)
    {
        byte[] typed = [.. Encoding.ASCII.GetBytes(type), .. data];
        var chunk = new byte[4 + typed.Length + 4];
        BinaryPrimitives.WriteInt32BigEndian(chunk, data.Length);
        typed.CopyTo(chunk, 4);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(4 + typed.Length), Crc32(typed));
        return chunk;
    }

    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }
}
