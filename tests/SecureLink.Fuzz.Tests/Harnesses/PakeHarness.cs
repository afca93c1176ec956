using SecureLink.Rooms.Pake;

namespace SecureLink.Fuzz.Tests.Harnesses;

/// <summary>
/// J-PAKE decoding through the public door: a joiner runs PinAuthenticator and receives the input
/// as the creator's first message; anything after that is an empty message. Without the creator's
/// secrets no input can finish the check, so every run must end in PakeException(ProtocolError).
/// </summary>
public static class PakeHarness
{
    public static readonly PakeBinding Binding = new(Enumerable.Repeat((byte)0xC1, 32).ToArray(), Enumerable.Repeat((byte)0x10, 32).ToArray());

    public static void Run(ReadOnlySpan<byte> data)
    {
        var channel = new ScriptedChannel(data.ToArray());
        var run = PinAuthenticator.RunAsync(PakeRole.Joiner, "1234".AsMemory(), Binding, channel, TimeSpan.FromSeconds(20), CancellationToken.None);
        try
        {
            using var result = run.GetAwaiter().GetResult();
        }
        catch (PakeException e) when (e.Failure == PakeFailure.ProtocolError)
        {
            return;
        }
        throw new FuzzInvariantException("The PIN check finished without the creator's secrets.");
    }

    /// <summary>Also lets the seed writer capture a genuine creator round-1 message.</summary>
    public sealed class ScriptedChannel(byte[] firstIncoming) : IPakeChannel
    {
        private int _received;

        public List<byte[]> Sent { get; } = [];

        public Task SendAsync(byte[] message, CancellationToken ct)
        {
            Sent.Add(message);
            return Task.CompletedTask;
        }

        public Task<byte[]> ReceiveAsync(CancellationToken ct) =>
            Task.FromResult(_received++ == 0 ? firstIncoming : []);
    }
}
