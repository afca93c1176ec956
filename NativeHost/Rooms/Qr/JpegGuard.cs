namespace SecureLink.Rooms.Qr;

/// <summary>
/// StbImageSharp 2.30.16 never returns on a JPEG cut off inside a header segment (it keeps
/// skipping past the end; found by feeding it truncated files). So before it sees a JPEG we
/// walk the marker segments up to the first scan and refuse one that runs past the end.
/// </summary>
internal static class JpegGuard
{
    /// <summary>True for anything that is not a JPEG, and for a JPEG whose header segments are all there.</summary>
    public static bool HeadersComplete(ReadOnlySpan<byte> d)
    {
        if (d.Length < 2 || d[0] != 0xFF || d[1] != 0xD8) return true;
        var i = 2;
        while (true)
        {
            while (i + 1 < d.Length && d[i] == 0xFF && d[i + 1] == 0xFF) i++; // fill bytes before a marker
            if (i + 1 >= d.Length || d[i] != 0xFF) return false;
            var marker = d[i + 1];
            if (marker == 0xD9) return false; // end of image before any scan
            if (marker == 0x01 || marker is >= 0xD0 and <= 0xD7)
            {
                i += 2; // TEM and RSTn stand alone
                continue;
            }
            if (i + 3 >= d.Length) return false;
            var length = (d[i + 2] << 8) | d[i + 3];
            if (length < 2 || i + 2 + length > d.Length) return false;
            if (marker == 0xDA) return true; // start of scan: entropy-coded data follows, which stb reads safely
            i += 2 + length;
        }
    }
}
