using QRCoder;
using SecureLink.Rooms.Codes;
using SecureLink.Rooms.Qr;
using SecureLink.Rooms.Tests.Codes;
using Xunit;
using ZXing;
using ZXing.Common;

namespace SecureLink.Rooms.Tests.Qr;

public class QrRoundTripTests
{
    public static TheoryData<string> AllCodes() =>
    [
        InviteCode.Encode(Samples.OfflineInvite(1)),
        InviteCode.Encode(Samples.OfflineInvite(4)),
        InviteCode.Encode(Samples.InternetInvite(4)),
        InviteCode.Encode(Samples.OfflineInvite(12)),
        ReplyCode.Encode(Samples.Reply(2)),
    ];

    [Theory]
    [MemberData(nameof(AllCodes))]
    public void Rendered_png_decodes_to_the_same_code(string code)
    {
        var text = QrDecoder.Decode(QrRenderer.ToPng(code));
        Assert.Equal(code, text);
        Assert.NotNull(InviteOrReply(text));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Small_and_large_modules_decode(int pixelsPerModule)
    {
        var code = InviteCode.Encode(Samples.InternetInvite(4));
        Assert.Equal(code, QrDecoder.Decode(QrRenderer.ToPng(code, pixelsPerModule)));
    }

    [Fact]
    public void A_transparent_background_is_read_as_white()
    {
        // Transparent black around black modules: read naively as RGB it is all black.
        var code = InviteCode.Encode(Samples.OfflineInvite(2));
        using var data = new QRCodeGenerator().CreateQrCode(code, QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(data).GetGraphic(6, [0, 0, 0, 255], [0, 0, 0, 0]);
        Assert.Equal(code, QrDecoder.Decode(png));
    }

    [Fact]
    public void Light_on_dark_decodes_too()
    {
        var code = InviteCode.Encode(Samples.OfflineInvite(2));
        using var data = new QRCodeGenerator().CreateQrCode(code, QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(data).GetGraphic(6, [255, 255, 255, 255], [20, 20, 20, 255]);
        Assert.Equal(code, QrDecoder.Decode(png));
    }

    [Fact]
    public void The_symbol_uses_error_correction_M()
    {
        var code = InviteCode.Encode(Samples.OfflineInvite(4));
        var image = StbImageSharp.ImageResult.FromMemory(QrRenderer.ToPng(code), StbImageSharp.ColorComponents.RedGreenBlue);
        var result = new BarcodeReaderGeneric { Options = new DecodingOptions { PossibleFormats = [BarcodeFormat.QR_CODE] } }
            .Decode(new RGBLuminanceSource(image.Data, image.Width, image.Height, RGBLuminanceSource.BitmapFormat.RGB24));
        Assert.Equal("M", result!.ResultMetadata[ResultMetadataType.ERROR_CORRECTION_LEVEL]);
    }

    private static object? InviteOrReply(string text) =>
        text.StartsWith("SLI", StringComparison.Ordinal) ? InviteCode.Decode(text, Samples.Now) : ReplyCode.Decode(text, Samples.RoomId);
}
