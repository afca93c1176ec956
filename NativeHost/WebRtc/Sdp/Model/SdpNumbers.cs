using System.Globalization;

namespace SecureLink.WebRtc.Sdp;

/// <summary>Strict decimal parsing: digits only (no sign, no spaces), so "+5" or " 5" never pass as numbers.</summary>
internal static class SdpNumbers
{
    public static bool TryInt(string s, out int value) =>
        int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out value);

    public static bool TryULong(string s, out ulong value) =>
        ulong.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out value);

    public static bool TryPort(string s, out int port) => TryInt(s, out port) && port <= 65535;

    public static bool TryPayloadType(string s, out int pt) => TryInt(s, out pt) && pt <= 127;

    public static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
