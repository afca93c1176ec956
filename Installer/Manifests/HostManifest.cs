namespace SecureLink.Installer;

/// <summary>The fixed identity of our native messaging host, shared with the extension (see CONTRACTS.md).</summary>
public static class HostManifest
{
    /// <summary>The host name the extension passes to <c>connectNative</c>; also the manifest file's base name.</summary>
    public const string Name = "app.securelink.host";

    /// <summary>Chromium-family extension id, fixed by the <c>key</c> in Extension/manifest.json.</summary>
    public const string ChromiumExtensionId = "gjcbgdlnkdamllccdgdimmjefdbkckgl";

    public const string ChromiumOrigin = "chrome-extension://" + ChromiumExtensionId + "/";

    /// <summary>Firefox add-on id (browser_specific_settings.gecko.id).</summary>
    public const string FirefoxExtensionId = "securelink@securelink.app";

    public const string HostPathPlaceholder = "@HOST_PATH@";
}
