using System.Text.Json;
using Microsoft.Playwright;
using SecureLink.WebRtc.Tests.Infrastructure;

namespace SecureLink.WebRtc.Tests.Media;

/// <summary>A Chromium page running Media/chromium_audio.js: one peer with an oscillator track.</summary>
public sealed class ChromiumAudioPage(ChromiumPage page) : IAsyncDisposable
{
    public static async Task<ChromiumAudioPage> OpenAsync(SharedChromium chromium)
    {
        var page = await chromium.NewPageAsync();
        var script = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "interop", "chromium_audio.js"));
        await page.Page.EvaluateAsync(script);
        return new ChromiumAudioPage(page);
    }

    private IPage P => page.Page;

    public Task<string> OfferAsync(int hz) => P.EvaluateAsync<string>("(hz) => slAudio.offer(hz)", hz);
    public Task<string> AnswerAsync(string offer, int hz) => P.EvaluateAsync<string>("([o, hz]) => slAudio.answer(o, hz)", new object[] { offer, hz });
    public Task AcceptAsync(string answer) => P.EvaluateAsync("(a) => slAudio.accept(a)", answer);
    public Task<string> StateAsync() => P.EvaluateAsync<string>("() => slAudio.state()");
    public Task<bool> ChannelOpenAsync() => P.EvaluateAsync<bool>("() => slAudio.channelOpen()");

    public async Task<Stats> StatsAsync()
    {
        var json = await P.EvaluateAsync<JsonElement>("() => slAudio.stats()");
        return JsonSerializer.Deserialize<Stats>(json.GetRawText(), new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;
    }

    public async Task<(double Hz, double Db)> PeakAsync()
    {
        var json = await P.EvaluateAsync<JsonElement>("() => slAudio.peak()");
        return (json.GetProperty("hz").GetDouble(), json.GetProperty("db").GetDouble());
    }

    public async Task WaitAsync(Func<Task<bool>> condition, CancellationToken ct)
    {
        while (!await condition()) await Task.Delay(50, ct);
    }

    public async ValueTask DisposeAsync()
    {
        try { await P.EvaluateAsync("() => slAudio.close()"); } catch (PlaywrightException) { }
        await page.DisposeAsync();
    }

    public sealed class Stats
    {
        public Inbound? Inbound { get; set; }
        public Outbound? Outbound { get; set; }
        public RemoteInbound? RemoteInbound { get; set; }
    }

    public sealed class Codec
    {
        public string? MimeType { get; set; }
        public int PayloadType { get; set; }
    }

    public sealed class Inbound
    {
        public uint Ssrc { get; set; }
        public long PacketsReceived { get; set; }
        public long PacketsLost { get; set; }
        public double Jitter { get; set; }
        public long TotalSamplesReceived { get; set; }
        public long ConcealedSamples { get; set; }
        public long SilentConcealedSamples { get; set; }
        public long BytesReceived { get; set; }
        public Codec? Codec { get; set; }
    }

    public sealed class Outbound
    {
        public uint Ssrc { get; set; }
        public long PacketsSent { get; set; }
        public Codec? Codec { get; set; }
    }

    public sealed class RemoteInbound
    {
        public double? RoundTripTime { get; set; }
        public double? FractionLost { get; set; }
        public long? PacketsLost { get; set; }
    }
}
