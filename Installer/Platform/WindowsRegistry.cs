using System.Runtime.Versioning;
using Microsoft.Win32;

namespace SecureLink.Installer;

/// <summary>The real Windows registry (default value of a key under HKCU or HKLM, 64-bit view).</summary>
[SupportedOSPlatform("windows")]
public sealed class WindowsRegistry : IRegistry
{
    public string? GetDefaultValue(RegistryLocation key)
    {
        using var k = Open(key.Hive).OpenSubKey(key.SubKey, writable: false);
        return k?.GetValue(null) as string;
    }

    public void SetDefaultValue(RegistryLocation key, string value)
    {
        using var k = Open(key.Hive).CreateSubKey(key.SubKey, writable: true);
        k.SetValue(null, value, RegistryValueKind.String);
    }

    public bool DeleteKey(RegistryLocation key)
    {
        var root = Open(key.Hive);
        using (var existing = root.OpenSubKey(key.SubKey))
        {
            if (existing is null) return false;
        }
        root.DeleteSubKeyTree(key.SubKey, throwOnMissingSubKey: false);
        return true;
    }

    private static RegistryKey Open(RegistryHive hive) =>
        RegistryKey.OpenBaseKey(hive == RegistryHive.CurrentUser ? Microsoft.Win32.RegistryHive.CurrentUser : Microsoft.Win32.RegistryHive.LocalMachine,
            RegistryView.Registry64);
}
