using SecureLink.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SecureLink.EndToEnd.Tests;

/// <summary>
/// Runs the extension's own node:test suite (Extension/test/*.test.mjs): the
/// background's id matching, timeouts, disconnect diagnosis and backoff, with a
/// fake chrome.* API and mocked timers, which the browser tests cannot reach.
/// </summary>
public sealed class ExtensionUnitTests(ITestOutputHelper output)
{
    [Fact(Timeout = 120_000)]
    public async Task Background_logic_unit_tests_pass_under_node()
    {
        var node = new[] { "/usr/bin/node", "/usr/local/bin/node" }.FirstOrDefault(File.Exists);
        if (node is null)
        {
            output.WriteLine("SKIPPED: node is not installed (apt-get install nodejs)");
            return;
        }
        var files = Directory.GetFiles(Path.Combine(RepositoryPaths.Extension, "test"), "*.test.mjs").Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(files);
        var result = await ProcessRunner.RunAsync(node, ["--test", .. files], RepositoryPaths.Extension, TimeSpan.FromMinutes(1), CancellationToken.None);
        output.WriteLine(result.StandardOutput);
        output.WriteLine(result.StandardError);
        Assert.True(result.ExitCode == 0, $"node --test failed:\n{result}");
        Assert.Contains("# fail 0", result.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("# pass 0", result.StandardOutput, StringComparison.Ordinal);
    }
}
