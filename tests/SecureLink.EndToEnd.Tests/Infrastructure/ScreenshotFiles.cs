namespace SecureLink.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Where screenshots go: under the test results always, and into docs/screenshots when
/// SECURELINK_UPDATE_SCREENSHOTS=1, so the pictures in the docs are the ones a test just took.
/// </summary>
public static class ScreenshotFiles
{
    public static string PathFor(string fileName)
    {
        var dir = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(dir);
        return Path.Combine(dir, fileName);
    }

    /// <summary>Copies a finished screenshot into docs/screenshots if asked to; returns its path.</summary>
    public static string Publish(string path)
    {
        if (Environment.GetEnvironmentVariable("SECURELINK_UPDATE_SCREENSHOTS") == "1")
        {
            var docs = Path.Combine(RepositoryPaths.Root, "docs", "screenshots");
            Directory.CreateDirectory(docs);
            File.Copy(path, Path.Combine(docs, Path.GetFileName(path)), overwrite: true);
        }
        return path;
    }
}
