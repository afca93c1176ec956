using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace SecureLink.Network.Bed;

/// <summary>
/// A TUN device (layer 3, no packet-info header) whose file descriptor we hold: what the kernel
/// routes into it we read, what we write comes out of it. Made in the test's namespace, then moved
/// into the namespace that uses it (the descriptor stays attached across the move).
/// </summary>
internal sealed class Tun : IDisposable
{
    private const int ORdWr = 2;
    private const ulong TunSetIff = 0x400454ca;
    private const short IffTun = 0x0001;
    private const short IffNoPi = 0x1000;
    private const short PollIn = 0x0001;
    private int _fd;

    private Tun(int fd, string name)
    {
        _fd = fd;
        Name = name;
    }

    public string Name { get; }

    public static Tun Create()
    {
        var name = "nbw" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));
        var fd = Open("/dev/net/tun", ORdWr);
        if (fd < 0) throw new IOException($"open /dev/net/tun failed (errno {Marshal.GetLastPInvokeError()})");
        var ifr = new byte[40];
        Encoding.ASCII.GetBytes(name).CopyTo(ifr, 0);
        BitConverter.GetBytes((short)(IffTun | IffNoPi)).CopyTo(ifr, 16);
        if (Ioctl(fd, TunSetIff, ifr) < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            Close(fd);
            throw new IOException($"TUNSETIFF failed (errno {errno})");
        }
        return new Tun(fd, name);
    }

    /// <summary>Waits up to <paramref name="timeoutMs"/> for a packet; true when one can be read.</summary>
    public bool WaitReadable(int timeoutMs)
    {
        var fds = new PollFd[] { new() { Fd = _fd, Events = PollIn } };
        return Poll(fds, 1, timeoutMs) > 0 && (fds[0].Revents & PollIn) != 0;
    }

    public int Read(byte[] buffer)
    {
        var n = ReadFd(_fd, buffer, buffer.Length);
        return n < 0 ? 0 : (int)n;
    }

    public void Write(byte[] packet, int length) => _ = WriteFd(_fd, packet, length);

    public void Dispose()
    {
        var fd = Interlocked.Exchange(ref _fd, -1);
        if (fd >= 0) Close(fd);
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    private static extern int Ioctl(int fd, ulong request, byte[] ifr);

    [DllImport("libc", EntryPoint = "poll", SetLastError = true)]
    private static extern int Poll([In, Out] PollFd[] fds, ulong count, int timeoutMs);

    [DllImport("libc", EntryPoint = "read", SetLastError = true)]
    private static extern nint ReadFd(int fd, [Out] byte[] buffer, nint count);

    [DllImport("libc", EntryPoint = "write", SetLastError = true)]
    private static extern nint WriteFd(int fd, byte[] buffer, nint count);

    [DllImport("libc", EntryPoint = "close")]
    private static extern int Close(int fd);
}
