using System.Threading.Channels;
using SecureLink.Host.Session;
using SecureLink.Rooms.Codes;
using SecureLink.Rooms.Session;

namespace SecureLink.Host.Commands;

/// <summary>
/// The terminal side of one room (see <see cref="ChatDispatch"/> for the line format). Input is
/// read on its own thread, because console reads block even when called asynchronously.
/// </summary>
internal sealed class TerminalChat : IAsyncDisposable
{
    private readonly TextWriter _out;
    private readonly TextWriter _err;
    private readonly Lock _writeGate = new();
    private readonly Channel<string?> _lines = Channel.CreateUnbounded<string?>();
    private readonly Channel<RoomStateChanged> _states = Channel.CreateUnbounded<RoomStateChanged>();
    private Task<string?>? _pendingLine;
    private RoomSession? _room;
    private bool _eof;

    public TerminalChat(TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        _out = stdout;
        _err = stderr;
        var reader = new Thread(() =>
        {
            try
            {
                while (stdin.ReadLine() is { } line) _lines.Writer.TryWrite(line);
            }
            catch (IOException)
            {
                // input closed under us: same as its end
            }
            _lines.Writer.TryWrite(null);
        }) { IsBackground = true, Name = "chat stdin" };
        reader.Start();
    }

    public async Task<int> CreateAsync(RoomOptions options, CancellationToken ct)
    {
        _room = await RoomSession.CreateAsync(options, OnEvent, ct).ConfigureAwait(false);
        var invitation = _room.Invitation!;
        Say($"invite: {invitation.Invite}");
        Say($"pin: {invitation.Pin}");
        Say($"expires: {RoomHost.Iso(invitation.ExpiresAt)}");
        while (true)
        {
            Say("reply?");
            var (line, final) = await NextLineOrFinalAsync(ct).ConfigureAwait(false);
            if (final is not null) return 1;
            if (line is null || line.Trim() == "/leave") return await LeaveAsync().ConfigureAwait(false);
            if (line.Trim().Length == 0) continue;
            try
            {
                await _room.AcceptAsync(line, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is CodeException or RoomException)
            {
                Error(e.Message);
                if (e is RoomException { Code: "room_burned" or "invite_expired" or "no_room" }) return 1;
                continue;
            }
            var outcome = await AwaitAsync(s => s is RoomState.Verified or RoomState.WaitingReply || s.IsFinal(), ct).ConfigureAwait(false);
            if (outcome.To == RoomState.Verified) return await ChatAsync(ct).ConfigureAwait(false);
            if (outcome.To.IsFinal()) return 1;
        }
    }

    public async Task<int> JoinAsync(RoomOptions options, CancellationToken ct)
    {
        Say("invite?");
        var invite = await NextLineAsync(ct).ConfigureAwait(false);
        Say("pin?");
        var pin = await NextLineAsync(ct).ConfigureAwait(false);
        if (invite is null || pin is null)
        {
            Error("no invite and PIN were given");
            return 1;
        }
        try
        {
            _room = await RoomSession.JoinAsync(invite, pin.Trim(), options, OnEvent, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is CodeException or RoomException)
        {
            Error(e.Message);
            return 1;
        }
        Say($"reply: {_room.Reply!.Reply}");
        var outcomeTask = AwaitAsync(s => s == RoomState.Verified || s.IsFinal(), ct);
        var lineTask = PendingLine(ct);
        var first = await Task.WhenAny(outcomeTask, lineTask).ConfigureAwait(false);
        if (first == lineTask && (await lineTask is null || lineTask.Result!.Trim() == "/leave"))
            return await LeaveAsync().ConfigureAwait(false);
        var outcome = await outcomeTask.ConfigureAwait(false);
        return outcome.To == RoomState.Verified ? await ChatAsync(ct).ConfigureAwait(false) : 1;
    }

    private async Task<int> ChatAsync(CancellationToken ct)
    {
        while (true)
        {
            var (line, final) = await NextLineOrFinalAsync(ct).ConfigureAwait(false);
            if (final is not null) return final.To == RoomState.Closed ? 0 : 1;
            if (line is null || line.Trim() == "/leave") return await LeaveAsync().ConfigureAwait(false);
            if (line.Trim().Length == 0) continue;
            try
            {
                await _room!.SendAsync(line, ct).ConfigureAwait(false);
            }
            catch (RoomException e)
            {
                Error(e.Message);
            }
        }
    }

    private async Task<int> LeaveAsync()
    {
        if (_room is not null) await _room.LeaveAsync().ConfigureAwait(false);
        Say("state: closed (left)");
        return 0;
    }

    private void OnEvent(RoomEvent e)
    {
        switch (e)
        {
            case RoomStateChanged { ReasonCode: RoomReasons.Left }:
                return;
            case RoomStateChanged s:
                if (s.From != s.To || s.To is RoomState.WaitingReply or RoomState.WaitingCreator)
                    Say($"state: {s.To.WireName()}{(s.ReasonCode is null ? "" : $" ({s.ReasonCode})")}" +
                        (s.FailedAttempts > 0 && s.ReasonCode == RoomReasons.WrongPin ? $" failed attempts {s.FailedAttempts}" : ""));
                if (s.Reason is not null && s.To.IsFinal()) Say($"reason: {s.Reason}");
                if (s.SafetyCode is not null) Say($"safety code: {s.SafetyCode}");
                _states.Writer.TryWrite(s);
                break;
            case RoomMessageAdded { Message.From: SecureLink.Rooms.Chat.ChatSender.Peer } m:
                // One message, one line: line breaks inside it are shown escaped.
                Say($"peer: {m.Message.Text.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)}");
                break;
        }
    }

    private async Task<RoomStateChanged> AwaitAsync(Func<RoomState, bool> match, CancellationToken ct)
    {
        while (true)
        {
            var s = await _states.Reader.ReadAsync(ct).ConfigureAwait(false);
            if (s.From != s.To && match(s.To)) return s;
        }
    }

    // After the end of input every further read is the end again.
    private Task<string?> PendingLine(CancellationToken ct) =>
        _pendingLine ??= _eof ? Task.FromResult<string?>(null) : _lines.Reader.ReadAsync(ct).AsTask();

    private async Task<string?> NextLineAsync(CancellationToken ct)
    {
        var line = await PendingLine(ct).ConfigureAwait(false);
        _pendingLine = null;
        if (line is null) _eof = true;
        return line;
    }

    /// <summary>The next input line, or the room's end if that comes first.</summary>
    private async Task<(string? Line, RoomStateChanged? Final)> NextLineOrFinalAsync(CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var finalTask = AwaitAsync(s => s.IsFinal(), stop.Token);
        var lineTask = PendingLine(ct);
        var first = await Task.WhenAny(finalTask, lineTask).ConfigureAwait(false);
        if (first == finalTask && finalTask.IsCompletedSuccessfully) return (null, finalTask.Result);
        await stop.CancelAsync().ConfigureAwait(false);
        try { await finalTask.ConfigureAwait(false); } catch (OperationCanceledException) { }
        return (await NextLineAsync(ct).ConfigureAwait(false), null);
    }

    private void Say(string line)
    {
        lock (_writeGate)
        {
            _out.WriteLine(line);
            _out.Flush();
        }
    }

    private void Error(string message)
    {
        lock (_writeGate)
        {
            _err.WriteLine($"chat: {message}");
            _err.Flush();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_room is not null) await _room.LeaveAsync().ConfigureAwait(false);
    }
}
