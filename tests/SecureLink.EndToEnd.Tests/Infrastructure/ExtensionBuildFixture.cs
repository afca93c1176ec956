namespace SecureLink.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Builds Extension/dist once per test run with the real build script, so a
/// fresh clone tests what it ships rather than a stale dist.
/// </summary>
public sealed class ExtensionBuildFixture : IAsyncLifetime
{
    public ProcessResult? BuildResult { get; private set; }

    public async Task InitializeAsync()
    {
        BuildResult = await ProcessRunner.RunAsync(Path.Combine(RepositoryPaths.Extension, "build.sh"), [], RepositoryPaths.Extension,
            TimeSpan.FromMinutes(3), CancellationToken.None);
        if (BuildResult.ExitCode != 0)
            throw new InvalidOperationException($"Extension/build.sh failed: {BuildResult}");
    }

    public Task DisposeAsync() => Task.CompletedTask;
}

/// <summary>Every test that needs the built extension (all of them) shares one build.</summary>
[CollectionDefinition(Name)]
public sealed class ExtensionCollection : ICollectionFixture<ExtensionBuildFixture>
{
    public const string Name = "extension";
}
