namespace SecureLink.Installer;

/// <summary>The few registry operations host registration needs (default value of one key), so tests need no Windows.</summary>
public interface IRegistry
{
    /// <summary>The key's default value, or null when the key or value does not exist.</summary>
    string? GetDefaultValue(RegistryLocation key);

    /// <summary>Creates the key if needed and sets its default value.</summary>
    void SetDefaultValue(RegistryLocation key, string value);

    /// <summary>Deletes the key (and any subkeys); false when it did not exist.</summary>
    bool DeleteKey(RegistryLocation key);
}
