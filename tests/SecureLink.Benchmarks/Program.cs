using System.Reflection;
using SecureLink.Benchmarks;

// `bench.sh` → this: runs the named benchmarks (or all) and prints their numbers.
var all = Assembly.GetExecutingAssembly().GetTypes()
    .Where(t => typeof(IBenchmark).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
    .Select(t => (IBenchmark)Activator.CreateInstance(t)!)
    .OrderBy(b => b.Name, StringComparer.Ordinal)
    .ToList();

if (args is ["--help" or "-h" or "list"])
{
    Console.WriteLine("usage: bench.sh [NAME ...]   (no name: run all)");
    foreach (var b in all) Console.WriteLine($"  {b.Name,-24} {b.Description}");
    return 0;
}

var chosen = args.Length == 0 ? all : all.Where(b => args.Contains(b.Name)).ToList();
var unknown = args.Except(all.Select(b => b.Name)).ToList();
if (unknown.Count > 0)
{
    Console.Error.WriteLine($"bench: unknown benchmark(s): {string.Join(", ", unknown)} (try: bench.sh list)");
    return 2;
}

using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cts.Cancel(); };
foreach (var b in chosen)
{
    Console.WriteLine($"## {b.Name}: {b.Description}");
    await b.RunAsync(Console.Out, cts.Token);
    Console.WriteLine();
}
return 0;
