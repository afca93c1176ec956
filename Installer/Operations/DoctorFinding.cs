namespace SecureLink.Installer;

/// <summary>How bad a doctor finding is. Any <see cref="Problem"/> makes doctor exit 1.</summary>
public enum FindingSeverity { Ok, Warning, Problem }

/// <summary>
/// One diagnosis: a stable <paramref name="Code"/> (tests and scripts match on it), a sentence for people,
/// and the exact command or step that fixes it.
/// </summary>
public sealed record DoctorFinding(
    FindingSeverity Severity,
    string Code,
    string Subject,
    string? Location,
    string Message,
    string? Fix = null);

/// <summary>Stable finding codes.</summary>
public static class FindingCodes
{
    public const string Ok = "ok";
    public const string NotInstalled = "not_installed";
    public const string ManifestMissing = "manifest_missing";
    public const string ManifestUnreadable = "manifest_unreadable";
    public const string ManifestInvalidJson = "manifest_invalid_json";
    public const string WrongName = "manifest_wrong_name";
    public const string WrongType = "manifest_wrong_type";
    public const string WrongAllowedOrigins = "wrong_allowed_origins";
    public const string WrongAllowedExtensions = "wrong_allowed_extensions";
    public const string HostPathMissing = "host_path_missing";
    public const string HostPathNotAbsolute = "host_path_not_absolute";
    public const string HostMissing = "host_missing";
    public const string HostPathDiffers = "host_path_differs";
    public const string HostIsDll = "host_is_dll";
    public const string HostNotExecutable = "host_not_executable";
    public const string HostFailedToStart = "host_failed_to_start";
    public const string RegistryKeyMissing = "registry_key_missing";
    public const string RegistryPointsElsewhere = "registry_points_elsewhere";
    public const string Flatpak = "sandboxed_flatpak";
    public const string Snap = "sandboxed_snap";
}
