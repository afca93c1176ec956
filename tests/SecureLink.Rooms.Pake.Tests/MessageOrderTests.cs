using SecureLink.Rooms.Pake;
using SecureLink.Rooms.Pake.Tests.Support;

namespace SecureLink.Rooms.Pake.Tests;

/// <summary>Well-formed messages at the wrong time or from the wrong participant: ProtocolError, never an attempt.</summary>
public class MessageOrderTests
{
    private static byte[] Header(byte type, byte sender, int bodyBytes) =>
        [1, type, sender, .. new byte[bodyBytes]];

    [Fact]
    public async Task A_replayed_round_1_is_a_protocol_error_on_both_sides()
    {
        var (creator, joiner) = await PakePair.RunAsync("1234", "1234",
            wrapJoiner: ch => new TamperingChannel(ch, (i, m) => i == 0 ? [m, m] : [m]));
        Assert.Equal(PakeFailure.ProtocolError, creator.Failure);
        Assert.Equal(PakeFailure.ProtocolError, joiner.Failure);   // told by the creator's Abort, not left to time out
    }

    [Fact]
    public async Task A_replayed_round_2_in_place_of_the_confirmation_is_a_protocol_error_not_a_wrong_pin()
    {
        var (creator, joiner) = await PakePair.RunAsync("1234", "1234",
            wrapJoiner: ch => new TamperingChannel(ch, (i, m) => i == 1 ? [m, m] : [m]));
        Assert.Equal(PakeFailure.ProtocolError, creator.Failure);
        Assert.Equal(PakeFailure.ProtocolError, joiner.Failure);
    }

    [Fact]
    public async Task A_confirmation_before_round_1_is_a_protocol_error()
    {
        var (creator, joiner) = await PakePair.RunAsync("1234", "1234",
            wrapJoiner: ch => new TamperingChannel(ch, (i, m) => i == 0 ? [Header(3, 1, 32), m] : [m]));
        Assert.Equal(PakeFailure.ProtocolError, creator.Failure);
        Assert.Equal(PakeFailure.ProtocolError, joiner.Failure);
    }

    [Fact]
    public async Task A_rejection_before_the_confirmation_is_a_protocol_error_for_the_joiner()
    {
        var (creator, joiner) = await PakePair.RunAsync("1234", "1234",
            wrapCreator: ch => new TamperingChannel(ch, (i, m) => i == 1 ? [Header(4, 0, 0)] : [m]));
        Assert.Equal(PakeFailure.ProtocolError, joiner.Failure);
        Assert.Equal(PakeFailure.ProtocolError, creator.Failure);
    }

    [Fact]
    public async Task A_joiner_may_not_send_Rejected()
    {
        var (creator, _) = await PakePair.RunAsync("1234", "1234",
            wrapJoiner: ch => new TamperingChannel(ch, (i, m) => i == 2 ? [Header(4, 1, 0)] : [m]));
        Assert.Equal(PakeFailure.ProtocolError, creator.Failure);
    }

    [Fact]
    public async Task Our_own_round_1_reflected_back_is_refused_as_the_wrong_participant()
    {
        var (c, _) = MemoryChannel.Pair();
        var outcome = await PakePair.Capture(PinAuthenticator.RunAsync(PakeRole.Creator, "1234".AsMemory(),
            PakePair.Binding(), new ReflectingChannel(c), PakePair.PakeTimeout, default));
        Assert.Equal(PakeFailure.ProtocolError, outcome.Failure);
        Assert.Contains("participant", outcome.Error!.Message);
    }

    [Fact]
    public async Task An_abort_from_the_peer_is_a_protocol_error()
    {
        var (creator, _) = await PakePair.RunAsync("1234", "1234",
            wrapJoiner: ch => new TamperingChannel(ch, (i, m) => i == 0 ? [Header(5, 1, 0)] : [m]),
            timeout: TimeSpan.FromSeconds(5));   // the stand-in joiner keeps waiting; a real one would have stopped
        Assert.Equal(PakeFailure.ProtocolError, creator.Failure);
        Assert.Contains("stopped", creator.Error!.Message);
    }

    [Fact]
    public async Task A_channel_that_closes_mid_check_is_a_protocol_error_not_a_hang()
    {
        var (c, j) = MemoryChannel.Pair();
        var creator = PinAuthenticator.RunAsync(PakeRole.Creator, "1234".AsMemory(), PakePair.Binding(), c,
            PakePair.PakeTimeout, default);
        j.Close();
        var outcome = await PakePair.Capture(creator);
        Assert.Equal(PakeFailure.ProtocolError, outcome.Failure);
        Assert.Contains("connection broke", outcome.Error!.Message);
    }

    [Fact]
    public async Task Tampering_with_the_creators_confirmation_fails_the_joiner()
    {
        // The creator already accepted the joiner; the joiner's check of the creator's tag is what
        // catches this, and the joiner closes the connection.
        var (creator, joiner) = await PakePair.RunAsync("1234", "1234",
            wrapCreator: ch => new TamperingChannel(ch, (i, m) =>
            {
                if (i == 2) m[^1] ^= 0x01;   // last byte of the revealed nonce, covered by the creator's tag
                return [m];
            }));
        Assert.Null(creator.Error);
        Assert.Equal(PakeFailure.WrongPin, joiner.Failure);
    }

    /// <summary>Sends nothing to the peer and hands back this side's own first message as the "reply".</summary>
    private sealed class ReflectingChannel(IPakeChannel inner) : IPakeChannel
    {
        private readonly TaskCompletionSource<byte[]> _first = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task SendAsync(byte[] message, CancellationToken ct)
        {
            _first.TrySetResult((byte[])message.Clone());
            return inner.SendAsync(message, ct);
        }

        public Task<byte[]> ReceiveAsync(CancellationToken ct) => _first.Task.WaitAsync(ct);
    }
}
