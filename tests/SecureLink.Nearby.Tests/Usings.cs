global using Xunit;

// The LAN tests build namespaces with fixed interface names: one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
