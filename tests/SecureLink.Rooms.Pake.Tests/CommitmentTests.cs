using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Agreement.JPake;
using Org.BouncyCastle.Utilities;
using SecureLink.Rooms.Pake;
using SecureLink.Rooms.Pake.Tests.Support;
using SecureLink.Rooms.Pake.Wire;

namespace SecureLink.Rooms.Pake.Tests;

/// <summary>
/// A creator that knows the PIN (so its tags are valid) but tries to pick its safety nonce after
/// the fact, which is what a middle grinding for matching safety codes would need. Built by hand
/// from the internal pieces, because the real creator cannot be made to cheat.
/// </summary>
public class CommitmentTests
{
    [Fact]
    public async Task A_creator_whose_nonce_does_not_open_its_commitment_is_refused_by_the_joiner()
    {
        var outcome = await RunAgainstCheatingCreatorAsync(cheat: true).WaitAsync(PakePair.Guard);
        Assert.Equal(PakeFailure.ProtocolError, outcome.Failure);
        Assert.Contains("commitment", outcome.Error!.Message);
    }

    [Fact]
    public async Task The_same_hand_built_creator_without_cheating_is_accepted()
    {
        // Shows the cheating test fails only because of the commitment, not the hand-built creator.
        var outcome = await RunAgainstCheatingCreatorAsync(cheat: false).WaitAsync(PakePair.Guard);
        Assert.Null(outcome.Error);
    }

    private static async Task<PakePair.Outcome> RunAgainstCheatingCreatorAsync(bool cheat)
    {
        var binding = PakePair.Binding();
        var (c, j) = MemoryChannel.Pair();
        var joiner = PinAuthenticator.RunAsync(PakeRole.Joiner, "1357".AsMemory(), binding, j, PakePair.PakeTimeout, default);

        var committed = RandomNumberGenerator.GetBytes(32);
        var participant = new JPakeParticipant(JPakeSuite.CreatorId, "1357".ToCharArray(), JPakeSuite.Group);
        var r1 = participant.CreateRound1PayloadToSend();
        var myR1 = PakeWire.Encode(new Round1Message(PakeRole.Creator, r1.Gx1, r1.Gx2, r1.KnowledgeProofForX1,
            r1.KnowledgeProofForX2, KeySchedule.Commitment(committed)));
        await c.SendAsync(myR1, default);
        var peerR1Bytes = await c.ReceiveAsync(default);
        var peerR1 = (Round1Message)PakeWire.Decode(peerR1Bytes);
        participant.ValidateRound1PayloadReceived(new JPakeRound1Payload(JPakeSuite.JoinerId, peerR1.Gx1, peerR1.Gx2, peerR1.ProofX1, peerR1.ProofX2));
        var r2 = participant.CreateRound2PayloadToSend();
        var myR2 = PakeWire.Encode(new Round2Message(PakeRole.Creator, r2.A, r2.KnowledgeProofForX2s, null));
        await c.SendAsync(myR2, default);
        var peerR2Bytes = await c.ReceiveAsync(default);
        var peerR2 = (Round2Message)PakeWire.Decode(peerR2Bytes);
        participant.ValidateRound2PayloadReceived(new JPakeRound2Payload(JPakeSuite.JoinerId, peerR2.A, peerR2.ProofX2s));
        var k = BigIntegers.AsUnsignedByteArray(JPakeSuite.ElementBytes, participant.CalculateKeyingMaterial());
        using var keys = KeySchedule.Derive(k, KeySchedule.TranscriptHash(myR1, peerR1Bytes, myR2, peerR2Bytes), binding);

        var joinerConfirm = (ConfirmMessage)PakeWire.Decode(await c.ReceiveAsync(default));
        Assert.True(keys.VerifyConfirmation(PakeRole.Joiner, default, joinerConfirm.Tag));
        var revealed = cheat ? RandomNumberGenerator.GetBytes(32) : committed;
        await c.SendAsync(PakeWire.Encode(new ConfirmMessage(PakeRole.Creator, keys.ConfirmationTag(PakeRole.Creator, revealed), revealed)), default);
        return await PakePair.Capture(joiner);
    }
}
