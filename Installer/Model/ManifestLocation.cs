namespace SecureLink.Installer;

/// <summary>
/// One place a browser reads our host manifest from: a file, plus (on Windows) the registry key that points at it.
/// </summary>
/// <param name="ManifestPath">Full path of <c>app.securelink.host.json</c>.</param>
/// <param name="Registry">Windows only: the key whose default value must equal <paramref name="ManifestPath"/>.</param>
/// <param name="OnlyIfDirectoryExists">
/// When set, the location only applies if this directory exists (Firefox reads <c>/usr/lib64/mozilla</c> only on
/// distributions that have <c>/usr/lib64</c>; creating that tree elsewhere would be litter).
/// </param>
public sealed record ManifestLocation(string ManifestPath, RegistryLocation? Registry = null, string? OnlyIfDirectoryExists = null);
