using SecureLink.Rooms.Codes;
using StbImageSharp;
using ZXing;
using ZXing.Common;

namespace SecureLink.Rooms.Qr;

/// <summary>
/// Reads the text of a QR code in a PNG or JPEG someone dropped (a screenshot or a photo):
/// StbImageSharp decodes the image, transparent pixels are laid on white (QR images often
/// have a transparent background), and ZXing.Net looks for a QR symbol, trying hard, inverted
/// and rotated. Everything wrong ends as a <see cref="CodeException"/>.
/// </summary>
public static class QrDecoder
{
    /// <summary>Larger images are refused before decoding: a small PNG can inflate to gigabytes.</summary>
    public const long MaxPixels = 4096L * 4096L;

    /// <summary>Smaller images are enlarged to about this width first: ZXing misses symbols drawn 1–2 pixels a module.</summary>
    private const int MinSide = 400;

    public static string Decode(ReadOnlySpan<byte> imageBytes)
    {
        var (rgb, width, height) = Enlarge(ReadImage(imageBytes));
        var reader = new BarcodeReaderGeneric
        {
            AutoRotate = true,
            Options = new DecodingOptions
            {
                TryHarder = true,
                TryInverted = true,
                PossibleFormats = [BarcodeFormat.QR_CODE],
            },
        };
        Result? result;
        try
        {
            result = reader.Decode(new RGBLuminanceSource(rgb, width, height, RGBLuminanceSource.BitmapFormat.RGB24));
        }
        catch (Exception)
        {
            // ZXing signals "nothing here" by null, but a damaged symbol can make it throw; both mean "not found".
            result = null;
        }
        if (result?.Text is not { Length: > 0 } text)
            throw new CodeException(CodeErrors.QrUnreadable, CodeErrors.NoQr, "No QR code was found in that image.");
        return text;
    }

    private static (byte[] Rgb, int Width, int Height) ReadImage(ReadOnlySpan<byte> imageBytes)
    {
        if (imageBytes.IsEmpty) throw Unreadable(CodeErrors.ImageFormat, "The image is empty.");
        if (!JpegGuard.HeadersComplete(imageBytes)) throw Unreadable(CodeErrors.ImageFormat, "That JPEG image is cut off and cannot be read.");
        var bytes = imageBytes.ToArray();
        ImageInfo? info;
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            info = ImageInfo.FromStream(stream);
        }
        catch (Exception)
        {
            info = null;
        }
        if (info is not { Width: > 0, Height: > 0 } header)
            throw Unreadable(CodeErrors.ImageFormat, "That file is not a PNG or JPEG image that can be read.");
        if ((long)header.Width * header.Height > MaxPixels)
            throw Unreadable(CodeErrors.ImageTooLarge, "That image is too large; crop it to the QR code.");
        ImageResult image;
        try
        {
            image = ImageResult.FromMemory(bytes, ColorComponents.RedGreenBlueAlpha);
        }
        catch (Exception)
        {
            throw Unreadable(CodeErrors.ImageFormat, "That image is damaged and cannot be read.");
        }
        return (OnWhite(image.Data, image.Width, image.Height), image.Width, image.Height);
    }

    private static byte[] OnWhite(byte[] rgba, int width, int height)
    {
        var rgb = new byte[width * height * 3];
        for (int i = 0, o = 0; o < rgb.Length; i += 4, o += 3)
        {
            int a = rgba[i + 3], white = 255 * (255 - a);
            rgb[o] = (byte)((rgba[i] * a + white) / 255);
            rgb[o + 1] = (byte)((rgba[i + 1] * a + white) / 255);
            rgb[o + 2] = (byte)((rgba[i + 2] * a + white) / 255);
        }
        return rgb;
    }

    /// <summary>Nearest-neighbour enlargement keeps module edges sharp (a small screenshot of a QR code).</summary>
    private static (byte[] Rgb, int Width, int Height) Enlarge((byte[] Rgb, int Width, int Height) image)
    {
        var (rgb, width, height) = image;
        var factor = (MinSide + Math.Max(width, height) - 1) / Math.Max(width, height);
        if (factor <= 1) return image;
        int w = width * factor, h = height * factor;
        var big = new byte[w * h * 3];
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                var from = ((y / factor * width) + (x / factor)) * 3;
                var to = ((y * w) + x) * 3;
                big[to] = rgb[from];
                big[to + 1] = rgb[from + 1];
                big[to + 2] = rgb[from + 2];
            }
        }
        return (big, w, h);
    }

    private static CodeException Unreadable(string detail, string message) =>
        new(CodeErrors.ImageUnreadable, detail, message);
}
