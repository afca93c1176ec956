namespace SecureLink.Installer;

/// <summary>A browser the installer knows how to register the host with.</summary>
public enum BrowserId { Chromium, Chrome, Edge, Brave, Vivaldi, Firefox }

/// <summary>Which manifest flavour a browser reads: Chromium family (<c>allowed_origins</c>) or Firefox (<c>allowed_extensions</c>).</summary>
public enum BrowserFamily { Chromium, Firefox }

/// <summary>The operating system whose conventions a path or registry key follows (not necessarily the one we run on).</summary>
public enum TargetOs { Linux, Windows, MacOS }

/// <summary>Per-user registration, or machine-wide registration that needs administrator rights.</summary>
public enum InstallScope { User, System }
