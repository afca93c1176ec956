using System.Runtime.CompilerServices;

// The chat tests reach the history's own text buffers to prove Wipe really zeroes them.
[assembly: InternalsVisibleTo("SecureLink.Rooms.Tests")]
