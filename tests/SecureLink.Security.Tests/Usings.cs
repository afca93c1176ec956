global using Xunit;
global using SecureLink.Host.Tests.Rooms;
global using SecureLink.Host.Tests.Support;

// The attacks share one network namespace, add addresses to it and measure the hosts' sockets:
// run them one at a time so no attack sees another's packets.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
