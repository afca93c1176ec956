using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Agreement.JPake;
using Org.BouncyCastle.Utilities;
using SecureLink.Rooms.Pake.Wire;

namespace SecureLink.Rooms.Pake;

/// <summary>
/// One side of one PIN check, written as the machine it is. Rounds 1 and 2 are symmetric and
/// sent without waiting for the peer; key confirmation is ordered so that the creator, who counts
/// attempts, never reveals anything that depends on the key before the joiner has committed to
/// its guess with a confirmation (else a joiner could test a guess and hang up uncounted):
/// <code>
///   Creator                                         Joiner
///   R1 (g^x1, g^x2, proofs, commit(nC)) ──┐   ┌── R1 (g^x3, g^x4, proofs)
///                                         ╳
///   R2 (A, proof)                     ────┘   └── R2 (B, proof, nJ)      each after the peer's R1
///                                          ◀──── Confirm(tag_joiner)
///   tag ok  → Confirm(tag_creator, nC) ────▶      tag ok, nC opens commit → Verified
///   tag bad → Rejected                 ────▶      WrongPin
///   WrongPin
///   any malformed / unexpected message → Abort ──▶ ProtocolError (on both sides)
/// </code>
/// BouncyCastle's own round 3 MacTag is not used: our confirmation binds the fingerprints and
/// the transcript, which BC's does not.
/// </summary>
internal sealed class PakeRun
{
    private readonly PakeRole _role;
    private readonly PakeRole _peer;
    private readonly PakeBinding _binding;
    private readonly IPakeChannel _channel;
    private readonly JPakeParticipant _participant;

    /// <summary>Set once the peer sent Abort or the channel broke: then we do not answer with our own Abort.</summary>
    public bool PeerGone { get; private set; }

    public PakeRun(PakeRole role, char[] pin, PakeBinding binding, IPakeChannel channel)
    {
        _role = role;
        _peer = JPakeSuite.Other(role);
        _binding = binding;
        _channel = channel;
        // BC copies the PIN into its own char[] and clears that copy in CalculateKeyingMaterial.
        _participant = new JPakeParticipant(JPakeSuite.ParticipantId(role), pin, JPakeSuite.Group);
    }

    public async Task<PakeResult> ExecuteAsync(CancellationToken ct)
    {
        var myNonce = RandomNumberGenerator.GetBytes(PakeWire.NonceBytes);
        try
        {
            // Round 1, both directions at once.
            var r1 = _participant.CreateRound1PayloadToSend();
            var myR1 = PakeWire.Encode(new Round1Message(_role, r1.Gx1, r1.Gx2, r1.KnowledgeProofForX1,
                r1.KnowledgeProofForX2, _role == PakeRole.Creator ? KeySchedule.Commitment(myNonce) : null));
            await SendAsync(myR1, ct).ConfigureAwait(false);
            var (peerR1Bytes, peerR1) = await ReceiveAsync<Round1Message>(ct).ConfigureAwait(false);
            Verify(() => _participant.ValidateRound1PayloadReceived(new JPakeRound1Payload(
                JPakeSuite.ParticipantId(_peer), peerR1.Gx1, peerR1.Gx2, peerR1.ProofX1, peerR1.ProofX2)),
                "The other side's first PIN-check message did not verify.");

            // Round 2.
            var r2 = _participant.CreateRound2PayloadToSend();
            var myR2 = PakeWire.Encode(new Round2Message(_role, r2.A, r2.KnowledgeProofForX2s,
                _role == PakeRole.Joiner ? myNonce : null));
            await SendAsync(myR2, ct).ConfigureAwait(false);
            var (peerR2Bytes, peerR2) = await ReceiveAsync<Round2Message>(ct).ConfigureAwait(false);
            Verify(() => _participant.ValidateRound2PayloadReceived(new JPakeRound2Payload(
                JPakeSuite.ParticipantId(_peer), peerR2.A, peerR2.ProofX2s)),
                "The other side's second PIN-check message did not verify.");

            var keyingMaterial = BigIntegers.AsUnsignedByteArray(JPakeSuite.ElementBytes, _participant.CalculateKeyingMaterial());
            var transcript = _role == PakeRole.Creator
                ? KeySchedule.TranscriptHash(myR1, peerR1Bytes, myR2, peerR2Bytes)
                : KeySchedule.TranscriptHash(peerR1Bytes, myR1, peerR2Bytes, myR2);
            using var keys = KeySchedule.Derive(keyingMaterial, transcript, _binding);

            return _role == PakeRole.Creator
                ? await ConfirmAsCreatorAsync(keys, myNonce, peerR2.SafetyNonce!, ct).ConfigureAwait(false)
                : await ConfirmAsJoinerAsync(keys, peerR1.SafetyCommitment!, myNonce, ct).ConfigureAwait(false);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(myNonce);
        }
    }

    private async Task<PakeResult> ConfirmAsCreatorAsync(KeySchedule keys, byte[] creatorNonce, byte[] joinerNonce, CancellationToken ct)
    {
        var (_, confirm) = await ReceiveAsync<ConfirmMessage>(ct).ConfigureAwait(false);
        if (!keys.VerifyConfirmation(PakeRole.Joiner, default, confirm.Tag))
        {
            // Tell the joiner plainly, so neither side waits for a timeout; Rejected carries nothing
            // keyed. The attempt is spent whether or not this arrives, so a failed send stays WrongPin.
            try
            {
                await SendAsync(PakeWire.Encode(new RejectedMessage(_role)), ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is PakeException or OperationCanceledException)
            {
            }
            throw WrongPin();
        }
        await SendAsync(PakeWire.Encode(new ConfirmMessage(_role, keys.ConfirmationTag(PakeRole.Creator, creatorNonce), creatorNonce)), ct)
            .ConfigureAwait(false);
        return new PakeResult(keys.SessionKey(), keys.SafetyCode(creatorNonce, joinerNonce));
    }

    private async Task<PakeResult> ConfirmAsJoinerAsync(KeySchedule keys, byte[] creatorCommitment, byte[] joinerNonce, CancellationToken ct)
    {
        await SendAsync(PakeWire.Encode(new ConfirmMessage(_role, keys.ConfirmationTag(PakeRole.Joiner, default), null)), ct)
            .ConfigureAwait(false);
        var bytes = await ReceiveRawAsync(ct).ConfigureAwait(false);
        var message = CheckFromPeer(PakeWire.Decode(bytes));
        if (message is RejectedMessage) throw WrongPin();
        if (message is not ConfirmMessage confirm) throw OutOfOrder();
        var creatorNonce = confirm.SafetyNonce!;
        if (!keys.VerifyConfirmation(PakeRole.Creator, creatorNonce, confirm.Tag)) throw WrongPin();
        // The tag already proves the creator holds the key; a nonce that does not open the
        // commitment means it tried to choose the safety code after the fact.
        if (!CryptographicOperations.FixedTimeEquals(KeySchedule.Commitment(creatorNonce), creatorCommitment))
            throw PakeException.Protocol("The other side broke its safety-code commitment.");
        return new PakeResult(keys.SessionKey(), keys.SafetyCode(creatorNonce, joinerNonce));
    }

    private static PakeException WrongPin() => new(PakeFailure.WrongPin,
        "The PIN did not match (or someone in the middle changed the connection), so the connection was closed.");

    private static PakeException OutOfOrder() =>
        PakeException.Protocol("The other side sent a PIN-check message out of order.");

    private async Task<(byte[] Bytes, T Message)> ReceiveAsync<T>(CancellationToken ct) where T : PakeMessage
    {
        var bytes = await ReceiveRawAsync(ct).ConfigureAwait(false);
        var message = CheckFromPeer(PakeWire.Decode(bytes));
        return message is T typed ? (bytes, typed) : throw OutOfOrder();
    }

    private PakeMessage CheckFromPeer(PakeMessage message)
    {
        if (message is AbortMessage)
        {
            PeerGone = true;
            throw PakeException.Protocol("The other side stopped the PIN check because of an error.");
        }
        // Our own messages coming back (a reflection) or a third party's id: never from our peer.
        if (message.Sender != _peer)
            throw PakeException.Protocol("The other side sent a PIN-check message under the wrong participant id.");
        return message;
    }

    private static void Verify(Action validate, string failure)
    {
        try
        {
            validate();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A failed Schnorr proof or group check: the proofs do not involve the PIN, so this
            // is a broken or hostile peer, never a wrong PIN, and it does not count as an attempt.
            throw PakeException.Protocol(failure, e);
        }
    }

    private async Task SendAsync(byte[] message, CancellationToken ct)
    {
        try
        {
            // A copy: the transcript keeps the original, whatever the channel does with its array.
            await _channel.SendAsync((byte[])message.Clone(), ct).WaitAsync(ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            PeerGone = true;
            throw PakeException.Protocol("The connection broke during the PIN check.", e);
        }
    }

    private async Task<byte[]> ReceiveRawAsync(CancellationToken ct)
    {
        try
        {
            // WaitAsync: a channel that ignores the token still cannot keep us past the timeout.
            return await _channel.ReceiveAsync(ct).WaitAsync(ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            PeerGone = true;
            throw PakeException.Protocol("The connection broke during the PIN check.", e);
        }
    }
}
