using System.Diagnostics;

namespace SecureLink.Fuzz.Tests;

/// <summary>What one fuzzing session did.</summary>
public sealed record FuzzReport(string Harness, long Executions, TimeSpan Elapsed, IReadOnlyList<(byte[] Input, Exception Error)> Crashes,
    byte[]? SlowestInput = null, TimeSpan SlowestTime = default)
{
    public double ExecsPerSecond => Executions / Math.Max(Elapsed.TotalSeconds, 1e-9);
}

/// <summary>
/// The built-in fallback fuzzer: not coverage-guided, but it runs anywhere. Starts from every seed,
/// then mutates random seeds until the time or execution budget is spent. Inputs that let an
/// exception escape the harness are crashes (kept, de-duplicated by exception type and top frame).
/// </summary>
public static class MutationFuzzer
{
    public static FuzzReport Run(Harness harness, IReadOnlyList<byte[]> seeds, int randomSeed, TimeSpan duration, long maxExecutions = long.MaxValue)
    {
        var crashes = new List<(byte[], Exception)>();
        var signatures = new HashSet<string>();
        var pool = seeds.Count > 0 ? seeds.ToList() : [[]];
        var mutator = new Mutator(randomSeed);
        var picker = new Random(randomSeed ^ 0x5EED);
        var clock = Stopwatch.StartNew();
        long executions = 0;
        byte[]? slowest = null;
        var slowestTime = TimeSpan.Zero;

        void Try(byte[] input)
        {
            executions++;
            var started = clock.Elapsed;
            try
            {
                harness.Run(input);
            }
            catch (Exception e)
            {
                if (signatures.Add(Signature(e))) crashes.Add((input, e));
            }
            // The slowest input is kept: a parser that takes seconds on a few bytes is a finding too.
            var took = clock.Elapsed - started;
            if (took > slowestTime) (slowest, slowestTime) = (input, took);
        }

        foreach (var seed in pool) Try(seed);
        while (executions < maxExecutions && clock.Elapsed < duration)
            Try(mutator.Mutate(pool[picker.Next(pool.Count)], pool));
        return new FuzzReport(harness.Name, executions, clock.Elapsed, crashes, slowest, slowestTime);
    }

    /// <summary>Exception type plus the first stack frame, so one bug is reported once.</summary>
    public static string Signature(Exception e)
    {
        var frame = new StackTrace(e).GetFrames().FirstOrDefault()?.GetMethod();
        return $"{e.GetType().FullName}@{frame?.DeclaringType?.FullName}.{frame?.Name}";
    }
}
