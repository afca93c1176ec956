namespace SecureLink.Installer;

/// <summary>A registry held in a dictionary: for tests, and the honest stand-in where there is no registry.</summary>
public sealed class InMemoryRegistry : IRegistry
{
    private readonly Dictionary<string, string> _values = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyDictionary<string, string> Values => _values;

    public string? GetDefaultValue(RegistryLocation key) => _values.GetValueOrDefault(key.ToString());

    public void SetDefaultValue(RegistryLocation key, string value) => _values[key.ToString()] = value;

    public bool DeleteKey(RegistryLocation key) => _values.Remove(key.ToString());
}
