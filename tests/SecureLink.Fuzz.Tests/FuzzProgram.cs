using SharpFuzz;

namespace SecureLink.Fuzz.Tests;

/// <summary>
/// The console entry fuzz.sh uses (`dotnet SecureLink.Fuzz.Tests.dll ...`); xunit's test host
/// never calls it. Commands: list | write-seeds | run NAME SECONDS [SEED] | replay NAME FILE... |
/// libfuzzer NAME | afl NAME (the last two need an instrumented build, see docs/fuzzing.md).
/// </summary>
public static class FuzzProgram
{
    public static int Main(string[] args)
    {
        try
        {
            return args switch
            {
                ["list"] => List(),
                ["write-seeds"] => WriteSeeds(),
                ["run", var name, var seconds] => RunBuiltIn(AllHarnesses.Get(name), double.Parse(seconds), Environment.TickCount),
                ["run", var name, var seconds, var seed] => RunBuiltIn(AllHarnesses.Get(name), double.Parse(seconds), int.Parse(seed)),
                ["replay", var name, .. var files] => Replay(AllHarnesses.Get(name), files),
                ["libfuzzer", var name] => LibFuzzer(AllHarnesses.Get(name)),
                ["afl", var name] => Afl(AllHarnesses.Get(name)),
                _ => Usage(),
            };
        }
        catch (Exception e) when (e is UnknownHarnessException or FormatException)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }
    }

    private static int Usage()
    {
        Console.Error.WriteLine("usage: list | write-seeds | run NAME SECONDS [SEED] | replay NAME FILE... | libfuzzer NAME | afl NAME");
        return 2;
    }

    private static int List()
    {
        foreach (var h in AllHarnesses.List) Console.WriteLine($"{h.Name,-18} {h.Checks}");
        return 0;
    }

    private static int WriteSeeds()
    {
        SeedWriter.WriteAll();
        Console.WriteLine("seeds written under " + Corpus.Root);
        return 0;
    }

    private static int RunBuiltIn(Harness harness, double seconds, int seed)
    {
        var seeds = Corpus.Files(harness.Name).Select(File.ReadAllBytes).ToList();
        Console.WriteLine($"{harness.Name}: built-in mutation fuzzer, {seeds.Count} corpus files, {seconds:0.#} s, seed {seed}");
        var report = MutationFuzzer.Run(harness, seeds, seed, TimeSpan.FromSeconds(seconds));
        Console.WriteLine($"{harness.Name}: {report.Executions} execs in {report.Elapsed.TotalSeconds:0.0} s = {report.ExecsPerSecond:0} execs/s, {report.Crashes.Count} distinct crash(es)");
        if (report.SlowestInput is { } slow)
        {
            Console.WriteLine($"{harness.Name}: slowest input {report.SlowestTime.TotalMilliseconds:0.0} ms ({slow.Length} bytes)");
            if (report.SlowestTime > TimeSpan.FromSeconds(1))
                Console.WriteLine($"SLOW input saved to {Corpus.SaveSlow(harness.Name, slow)}");
        }
        foreach (var (input, error) in report.Crashes)
        {
            var path = Corpus.SaveCrash(harness.Name, input);
            Console.WriteLine($"CRASH saved to {path}: {MutationFuzzer.Signature(error)}");
            Console.WriteLine(error);
        }
        return report.Crashes.Count == 0 ? 0 : 1;
    }

    private static int Replay(Harness harness, string[] files)
    {
        var failed = 0;
        foreach (var file in files)
        {
            try
            {
                harness.Run(File.ReadAllBytes(file));
                Console.WriteLine($"ok    {file}");
            }
            catch (Exception e)
            {
                failed++;
                Console.WriteLine($"CRASH {file}\n{e}");
            }
        }
        return failed == 0 ? 0 : 1;
    }

    // libFuzzer-dotnet drives this in-process; every escaping exception is reported as a crash.
    private static int LibFuzzer(Harness harness)
    {
        Fuzzer.LibFuzzer.Run(span => harness.Run(span));
        return 0;
    }

    // AFL++ via SharpFuzz's out-of-process protocol (afl-fuzz ... -- dotnet <dll> afl NAME).
    private static int Afl(Harness harness)
    {
        Fuzzer.OutOfProcess.Run(stream =>
        {
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            harness.Run(buffer.ToArray());
        });
        return 0;
    }
}
