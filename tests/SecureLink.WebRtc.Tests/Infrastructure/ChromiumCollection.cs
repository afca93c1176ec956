namespace SecureLink.WebRtc.Tests.Infrastructure;

/// <summary>Shares one Chromium across the tests that need it, launched on first
/// use so skipped tests (outside the namespace) never start a browser.</summary>
public sealed class SharedChromium : IAsyncLifetime
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private ChromiumFixture? _chromium;

    public async Task<ChromiumPage> NewPageAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            _chromium ??= await ChromiumFixture.LaunchAsync().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
        return await _chromium.NewPageAsync().ConfigureAwait(false);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_chromium is not null) await _chromium.DisposeAsync().ConfigureAwait(false);
        _gate.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class ChromiumCollection : ICollectionFixture<SharedChromium>
{
    public const string Name = "chromium";
}
