using QRCoder;

namespace SecureLink.Rooms.Qr;

/// <summary>
/// Draws a code as a QR symbol: error correction M (15 % of the symbol may be lost, what a
/// phone photo of a screen needs), alphanumeric mode (our codes use only that alphabet), a
/// 4-module quiet zone. The SVG has a viewBox and no fixed size so the popup scales it, and
/// is black on white whatever the theme, because scanners expect dark modules on light.
/// </summary>
public static class QrRenderer
{
    private const string Dark = "#000000";
    private const string Light = "#FFFFFF";

    public static string ToSvg(string code)
    {
        using var data = Create(code);
        return new SvgQRCode(data).GetGraphic(1, Dark, Light, drawQuietZones: true, SvgQRCode.SizingMode.ViewBoxAttribute);
    }

    /// <summary>The QR version (1–40) the code needs at ECC M; the symbol is 17 + 4 × version modules wide.</summary>
    public static int VersionFor(string code)
    {
        using var data = Create(code);
        return data.Version;
    }

    /// <summary>PNG bytes of the symbol (for tests and for people who save the QR), <paramref name="pixelsPerModule"/> pixels a module.</summary>
    public static byte[] ToPng(string code, int pixelsPerModule = 8)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pixelsPerModule, 1);
        using var data = Create(code);
        return new PngByteQRCode(data).GetGraphic(pixelsPerModule, drawQuietZones: true);
    }

    private static QRCodeData Create(string code)
    {
        ArgumentException.ThrowIfNullOrEmpty(code);
        using var generator = new QRCodeGenerator();
        return generator.CreateQrCode(code, QRCodeGenerator.ECCLevel.M);
    }
}
