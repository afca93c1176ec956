namespace SecureLink.Installer;

/// <summary>The Windows registry hive a key lives in.</summary>
public enum RegistryHive { CurrentUser, LocalMachine }

/// <summary>A registry key whose default value must be the manifest's full path (how Windows browsers find hosts).</summary>
public sealed record RegistryLocation(RegistryHive Hive, string SubKey)
{
    public override string ToString() => (Hive == RegistryHive.CurrentUser ? "HKCU" : "HKLM") + "\\" + SubKey;
}
