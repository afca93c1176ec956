namespace SecureLink.Host.Commands;

/// <summary>The text of <c>--help</c>.</summary>
public static class Usage
{
    public const string Text = """
        securelink-host — SecureLink's native messaging host (end-to-end encrypted text and voice).

        usage:
          securelink-host chrome-extension://ID/        native messaging mode (started by Chromium-family browsers)
          securelink-host MANIFEST.json ADDON-ID        native messaging mode (started by Firefox)
          securelink-host                               native messaging mode when stdin is a pipe
          securelink-host chat create [--internet] [--stun HOST:PORT]
          securelink-host chat join                     a room in the terminal: plain lines in and out, /leave to leave
          securelink-host interop --role answer|offer [--stun HOST:PORT] [--audio-in FILE.wav] [--audio-out FILE.wav]
                                                        a plain WebRTC endpoint for interoperability checks
          securelink-host --version                     print the version
          securelink-host --help                        print this help

        environment:
          SECURELINK_LOG=error|info|debug|trace         log to stderr (off by default; never logs message text, PINs or keys)
        """;
}
