global using SecureLink.Network.Bed;
global using Xunit;
