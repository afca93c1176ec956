using System.Net;
using SecureLink.WebRtc;
using SecureLink.WebRtc.Media;

namespace SecureLink.Calls.Measurement;

/// <summary>
/// Two of our peer connections with audio negotiated (RtcConfiguration.Audio on both), connected
/// over real UDP between the isolated namespace's two veth addresses: the transport a call runs on.
/// </summary>
public sealed class AudioPeerPair : IAsyncDisposable
{
    public static readonly IPAddress LanA = IPAddress.Parse("198.18.0.1");
    public static readonly IPAddress LanB = IPAddress.Parse("198.18.0.2");

    private AudioPeerPair(RtcPeerConnection a, RtcPeerConnection b)
    {
        A = a;
        B = b;
    }

    public RtcPeerConnection A { get; }
    public RtcPeerConnection B { get; }
    /// <summary>A's UDP port on the selected pair: every packet of this pair goes from or to it.</summary>
    public int PortA => A.SelectedLocalEndPoint?.Port ?? throw new InvalidOperationException("A has no selected pair");
    public IRtpAudioChannel AudioA => A.AudioChannel ?? throw new InvalidOperationException("no audio channel on A");
    public IRtpAudioChannel AudioB => B.AudioChannel ?? throw new InvalidOperationException("no audio channel on B");

    public static async Task<AudioPeerPair> ConnectAsync(CancellationToken ct)
    {
        RtpLossRule.EnsureIsolated(Environment.GetEnvironmentVariable("SECURELINK_ISOLATED"));
        var a = new RtcPeerConnection(new RtcConfiguration { Audio = true, AddressFilter = x => x.Equals(LanA) });
        var b = new RtcPeerConnection(new RtcConfiguration { Audio = true, AddressFilter = x => x.Equals(LanB) });
        try
        {
            // A data channel as every room has, so the offer has its usual shape (data, then audio).
            var channel = a.CreateDataChannelAsync("call-rig", null, ct);
            var offer = await a.CreateOfferAsync(ct);
            var answer = await b.CreateAnswerAsync(offer, ct);
            await a.SetRemoteAnswerAsync(answer, ct);
            await channel.WaitAsync(TimeSpan.FromSeconds(30), ct);
            await a.WaitConnectedAsync(ct).WaitAsync(TimeSpan.FromSeconds(30), ct);
            await b.WaitConnectedAsync(ct).WaitAsync(TimeSpan.FromSeconds(30), ct);
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
            while ((a.AudioChannel is null || b.AudioChannel is null) && DateTime.UtcNow < deadline) await Task.Delay(20, ct);
            return new AudioPeerPair(a, b);
        }
        catch
        {
            await a.DisposeAsync();
            await b.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
    }
}
