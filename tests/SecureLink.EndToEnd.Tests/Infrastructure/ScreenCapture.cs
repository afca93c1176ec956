using System.Diagnostics;

namespace SecureLink.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A picture of the corner of the X display Chromium runs on (<see cref="ExtensionBrowser.Display"/>)
/// where it draws its notification pop-ups, taken with ImageMagick's <c>import</c>: a system
/// notification is drawn outside any page, so Playwright cannot photograph it.
/// </summary>
public static class ScreenCapture
{
    public static async Task<string> NotificationCornerAsync(string display, string fileName, CancellationToken ct)
    {
        var path = ScreenshotFiles.PathFor(fileName);
        // Chromium slides a pop-up in; let it settle before the picture.
        await Task.Delay(1500, ct);
        var start = new ProcessStartInfo("import") { RedirectStandardError = true };
        // tools/screenshots.sh makes the screen 1280x800; the pop-ups sit in its bottom-right corner.
        foreach (var a in new[] { "-display", display, "-window", "root", "-crop", "420x190+860+610", "+repage", path })
            start.ArgumentList.Add(a);
        using var import = Process.Start(start) ?? throw new InvalidOperationException("could not start ImageMagick's import");
        var error = await import.StandardError.ReadToEndAsync(ct);
        await import.WaitForExitAsync(ct);
        if (import.ExitCode != 0) throw new InvalidOperationException($"import failed ({import.ExitCode}): {error.Trim()}");
        return ScreenshotFiles.Publish(path);
    }
}
