namespace SecureLink.Host.Commands;

/// <summary>What the command line asks the host to do.</summary>
public enum CommandKind
{
    NativeMessaging,
    Help,
    Version,
    Interop,
    Chat,
    Unknown,
    /// <summary>No arguments and stdin is a terminal: a person ran us by hand.</summary>
    NoCommand,
}
