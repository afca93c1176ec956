using SecureLink.Rooms.Codes;
using SecureLink.Rooms.Pake;
using SecureLink.Rooms.Qr;

namespace SecureLink.Rooms.Session;

/// <summary>The joiner's side: invite + PIN in, reply out, then wait for the creator.</summary>
public sealed partial class RoomSession
{
    /// <summary>
    /// Joins: decodes the invite (<see cref="CodeException"/> <c>invite_corrupt</c>,
    /// <c>invite_expired</c>, ...), answers it and returns with the reply ready
    /// (<see cref="Reply"/>). The room starts in <see cref="RoomState.WaitingCreator"/> and moves
    /// to <see cref="RoomState.Connecting"/> at the creator's first ICE check.
    /// </summary>
    public static async Task<RoomSession> JoinAsync(string inviteText, string pin, RoomOptions options, Action<RoomEvent>? onEvent, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(inviteText);
        ArgumentNullException.ThrowIfNull(options);
        if (pin is null || !Pin.IsWellFormed(pin)) throw new RoomException("wrong_type", "The PIN must be 4 to 10 digits.");
        var now = options.Time.GetUtcNow();
        var invite = InviteCode.Decode(inviteText, now);
        var session = new RoomSession(RoomRole.Joiner, invite.Mode, RoomState.WaitingCreator, options, onEvent);
        try
        {
            await session.AnswerInviteAsync(invite, pin, now, ct).ConfigureAwait(false);
            session.AnnounceInitialState();
            session._attempt!.Start();
            return session;
        }
        catch
        {
            await session.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task AnswerInviteAsync(InviteRecord invite, string pin, DateTimeOffset now, CancellationToken ct)
    {
        _roomId = invite.RoomId;
        _pin = pin.ToCharArray();
        // The joiner cannot tell a slow creator from no path: ICE keeps trying until the invite expires.
        var untilExpiry = invite.ExpiresAt - now + TimeSpan.FromSeconds(5);
        var pc = NewConnection(invite.StunServers, untilExpiry > TimeSpan.FromSeconds(10) ? untilExpiry : TimeSpan.FromSeconds(10));
        var attempt = new Attempt(this, pc);
        lock (_gate) _attempt = attempt;
        pc.RemoteCheckReceived += () => TrySetState(RoomState.Connecting, when: from => from == RoomState.WaitingCreator);
        var answer = await pc.CreateAnswerAsync(CodeSdp.OfferFromInvite(invite), ct).ConfigureAwait(false);
        var text = ReplyCode.Encode(CodeSdp.ReplyFromAnswer(answer, invite.RoomId));
        _reply = new RoomReply(RoomId, text, QrRenderer.ToSvg(text));
        StartExpiry(invite.ExpiresAt);
        Info($"reply ready: {text.Length} chars");
    }
}
