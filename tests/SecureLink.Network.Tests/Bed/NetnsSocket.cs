using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace SecureLink.Network.Bed;

/// <summary>
/// A UDP socket that lives in another namespace: made on a short-lived thread that first joins
/// the namespace (setns affects only the calling thread, and a socket keeps the namespace it was
/// made in). Benchmarks use it to measure a path's own delay beside the product's latency.
/// </summary>
public static class NetnsSocket
{
    private const int CloneNewNet = 0x40000000;

    public static Socket Udp(Netns ns, IPEndPoint bind)
    {
        Socket? socket = null;
        Exception? error = null;
        var thread = new Thread(() =>
        {
            try
            {
                using var handle = File.OpenHandle("/run/netns/" + ns.Name);
                if (SetNs(handle.DangerousGetHandle().ToInt32(), CloneNewNet) != 0)
                    throw new IOException($"setns failed (errno {Marshal.GetLastPInvokeError()})");
                socket = new Socket(bind.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
                socket.Bind(bind);
            }
            catch (Exception e)
            {
                error = e;
            }
        });
        thread.Start();
        thread.Join();
        return socket ?? throw new IOException("could not make a socket in " + ns.Name, error);
    }

    [DllImport("libc", EntryPoint = "setns", SetLastError = true)]
    private static extern int SetNs(int fd, int nstype);
}
