using System.Diagnostics;
using System.Net;
using Microsoft.Playwright;
using SecureLink.WebRtc;
using SecureLink.WebRtc.DataChannels;

namespace SecureLink.Benchmarks.WebRtc;

/// <summary>
/// Shared pieces of the WebRTC benchmarks: a connected pair of our own peer
/// connections (in process, on the namespace's two veth addresses) and a real
/// Chromium page holding the reference pair (tests/interop/chromium_bench.js).
/// Like the tests, these gather ICE, so bench.sh runs them inside
/// tests/tools/isolated.sh; outside the namespace they refuse to run.
/// </summary>
internal static class WebRtcBench
{
    public static readonly IPAddress LanA = IPAddress.Parse("198.18.0.1");
    public static readonly IPAddress LanB = IPAddress.Parse("198.18.0.2");

    /// <summary>Null inside the isolated namespace, else why the benchmark cannot run.</summary>
    public static string? NotIsolated()
    {
        var local = System.Net.NetworkInformation.NetworkInterface.GetAllNetworkInterfaces()
            .SelectMany(i => i.GetIPProperties().UnicastAddresses).Select(a => a.Address).ToHashSet();
        return Environment.GetEnvironmentVariable("SECURELINK_ISOLATED") == "1" && local.Contains(LanA) && local.Contains(LanB)
            ? null
            : "skipped: gathers ICE, so it runs only inside tests/tools/isolated.sh (bench.sh does that)";
    }

    /// <summary>Two of ours, connected; the offerer's channel "bench" and the answerer's end of it.</summary>
    public sealed class OurPair : IAsyncDisposable
    {
        public required RtcPeerConnection Offerer { get; init; }
        public required RtcPeerConnection Answerer { get; init; }
        public required DataChannel OffererChannel { get; init; }
        public required DataChannel AnswererChannel { get; init; }
        /// <summary>From the answer being applied at the offerer to its channel being open.</summary>
        public required TimeSpan Setup { get; init; }

        public async ValueTask DisposeAsync()
        {
            await Offerer.DisposeAsync();
            await Answerer.DisposeAsync();
        }
    }

    public static async Task<OurPair> ConnectOursAsync(CancellationToken ct)
    {
        var log = PhaseLog.FromEnvironment();
        var offerer = new RtcPeerConnection(new RtcConfiguration { AddressFilter = a => a.Equals(LanA), Log = log });
        var answerer = new RtcPeerConnection(new RtcConfiguration { AddressFilter = a => a.Equals(LanB), Log = log });
        try
        {
            var remote = new TaskCompletionSource<DataChannel>(TaskCreationOptions.RunContinuationsAsynchronously);
            answerer.DataChannelOpened += ch => remote.TrySetResult(ch);
            var creating = offerer.CreateDataChannelAsync("bench", null, ct);
            var offer = await offerer.CreateOfferAsync(ct);
            var answer = await answerer.CreateAnswerAsync(offer, ct);
            var clock = Stopwatch.StartNew();
            await offerer.SetRemoteAnswerAsync(answer, ct);
            var channel = await creating.WaitAsync(ct);
            var setup = clock.Elapsed;
            return new OurPair
            {
                Offerer = offerer, Answerer = answerer, OffererChannel = channel,
                AnswererChannel = await remote.Task.WaitAsync(ct), Setup = setup,
            };
        }
        catch
        {
            await offerer.DisposeAsync();
            await answerer.DisposeAsync();
            throw;
        }
    }

    /// <summary>A headless Debian Chromium (never a downloaded one) with the reference script loaded.</summary>
    public sealed class ChromiumPage : IAsyncDisposable
    {
        private readonly IPlaywright _playwright;
        private readonly IBrowser _browser;

        private ChromiumPage(IPlaywright playwright, IBrowser browser, IPage page)
        {
            _playwright = playwright;
            _browser = browser;
            Page = page;
        }

        public IPage Page { get; }

        public static async Task<ChromiumPage> LaunchAsync()
        {
            var script = await File.ReadAllTextAsync(FindRepoFile("tests/interop/chromium_bench.js"));
            var playwright = await Playwright.CreateAsync();
            var args = new List<string>
            {
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--disable-gpu", "--disable-quic",
                "--disable-features=WebRtcHideLocalIpsWithMdns",   // the only --disable-features Chromium honours
            };
            if (Environment.UserName == "root") args.Insert(0, "--no-sandbox");
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = "/usr/bin/chromium", Headless = true, Args = args,
            });
            var page = await browser.NewPageAsync();
            await page.GotoAsync("about:blank");
            await page.EvaluateAsync(script);
            return new ChromiumPage(playwright, browser, page);
        }

        public async ValueTask DisposeAsync()
        {
            await _browser.CloseAsync();
            _playwright.Dispose();
        }
    }

    private static string FindRepoFile(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException($"cannot find {relative} above {AppContext.BaseDirectory}");
    }

    /// <summary>SECURELINK_LOG=info shows where setup time goes (ICE, DTLS, SCTP lines with timestamps).</summary>
    private sealed class PhaseLog(SecureLink.WebRtc.Transport.LogLevel threshold) : SecureLink.WebRtc.Transport.ILog
    {
        public static SecureLink.WebRtc.Transport.ILog FromEnvironment() => Environment.GetEnvironmentVariable("SECURELINK_LOG") switch
        {
            "debug" => new PhaseLog(SecureLink.WebRtc.Transport.LogLevel.Debug),
            "info" => new PhaseLog(SecureLink.WebRtc.Transport.LogLevel.Info),
            _ => SecureLink.WebRtc.Transport.NullLog.Instance,
        };

        public bool IsEnabled(SecureLink.WebRtc.Transport.LogLevel level) => level >= threshold && level != SecureLink.WebRtc.Transport.LogLevel.None;

        public void Write(SecureLink.WebRtc.Transport.LogLevel level, string category, string message) =>
            Console.Error.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {category}: {message}");
    }

    /// <summary>Nearest-rank percentile of <paramref name="sorted"/> (ascending).</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
}
