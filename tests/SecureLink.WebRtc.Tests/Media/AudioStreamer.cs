using SecureLink.WebRtc.Media;

namespace SecureLink.WebRtc.Tests.Media;

/// <summary>
/// Sends numbered payloads on an audio channel at the 20 ms Opus frame rate, with RTP
/// timestamps advancing 960 per frame as a real call's do. Payload i is "i as 4 bytes" followed
/// by filler, so the receiver can check order and content.
/// </summary>
public static class AudioStreamer
{
    public const uint FrameTicks = 960; // 20 ms at 48 kHz

    public static byte[] Payload(int i, int length = 60)
    {
        var p = new byte[length];
        BitConverter.TryWriteBytes(p, i);
        for (var k = 4; k < length; k++) p[k] = (byte)(i + k);
        return p;
    }

    public static int Number(byte[] payload) => BitConverter.ToInt32(payload, 0);

    /// <summary>Sends <paramref name="count"/> frames starting at frame <paramref name="first"/>, paced every 20 ms.</summary>
    public static async Task SendAsync(IRtpAudioChannel channel, int first, int count, uint baseTimestamp, CancellationToken ct, int pacingMs = 20)
    {
        for (var i = first; i < first + count; i++)
        {
            await channel.SendAsync(Payload(i), unchecked(baseTimestamp + (uint)i * FrameTicks), marker: i == 0, ct);
            if (pacingMs > 0) await Task.Delay(pacingMs, ct);
        }
    }

    /// <summary>Reads until <paramref name="count"/> packets arrived.</summary>
    public static async Task<List<ReceivedRtp>> ReceiveAsync(IRtpAudioChannel channel, int count, CancellationToken ct)
    {
        var list = new List<ReceivedRtp>(count);
        while (list.Count < count) list.Add(await channel.Received.ReadAsync(ct));
        return list;
    }

    /// <summary>Polls the channel's statistics until <paramref name="done"/> holds.</summary>
    public static async Task<RtpChannelStatistics> WaitStatisticsAsync(IRtpAudioChannel channel, Func<RtpChannelStatistics, bool> done, CancellationToken ct)
    {
        while (true)
        {
            var s = channel.GetStatistics();
            if (done(s)) return s;
            await Task.Delay(50, ct);
        }
    }
}
