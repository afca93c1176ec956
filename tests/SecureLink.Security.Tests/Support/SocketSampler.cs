namespace SecureLink.Security.Tests.Support;

/// <summary>Samples a process's UDP sockets every 50 ms until disposed; keeps the maximum count and every port seen.</summary>
public sealed class SocketSampler : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly HashSet<int> _ports = [];
    private int _max;
    private int _samples;

    public SocketSampler(int pid)
    {
        _loop = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                var ports = HostSockets.UdpPorts(pid);
                lock (_ports)
                {
                    _max = Math.Max(_max, ports.Count);
                    _samples++;
                    foreach (var p in ports) _ports.Add(p);
                }
                try { await Task.Delay(50, _stop.Token); } catch (OperationCanceledException) { }
            }
        });
    }

    public int Max { get { lock (_ports) return _max; } }
    public int Samples { get { lock (_ports) return _samples; } }
    public IReadOnlyCollection<int> PortsSeen { get { lock (_ports) return [.. _ports]; } }

    public void Dispose()
    {
        _stop.Cancel();
        _loop.Wait(TimeSpan.FromSeconds(2));
        _stop.Dispose();
    }
}
