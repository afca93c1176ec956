using Org.BouncyCastle.Math;

namespace SecureLink.Rooms.Pake.Wire;

/// <summary>A decoded PAKE message; <see cref="Sender"/> stands for the J-PAKE participant id.</summary>
internal abstract record PakeMessage(PakeRole Sender)
{
    public abstract PakeMessageType Type { get; }
}

/// <summary>J-PAKE round 1. <paramref name="SafetyCommitment"/> is present exactly when the creator sends it.</summary>
internal sealed record Round1Message(PakeRole Sender, BigInteger Gx1, BigInteger Gx2,
    BigInteger[] ProofX1, BigInteger[] ProofX2, byte[]? SafetyCommitment) : PakeMessage(Sender)
{
    public override PakeMessageType Type => PakeMessageType.Round1;
}

/// <summary>J-PAKE round 2. <paramref name="SafetyNonce"/> is present exactly when the joiner sends it.</summary>
internal sealed record Round2Message(PakeRole Sender, BigInteger A, BigInteger[] ProofX2s, byte[]? SafetyNonce)
    : PakeMessage(Sender)
{
    public override PakeMessageType Type => PakeMessageType.Round2;
}

/// <summary>Key confirmation. <paramref name="SafetyNonce"/> (the opened commitment) is present exactly when the creator sends it.</summary>
internal sealed record ConfirmMessage(PakeRole Sender, byte[] Tag, byte[]? SafetyNonce) : PakeMessage(Sender)
{
    public override PakeMessageType Type => PakeMessageType.Confirm;
}

/// <summary>The creator saw a wrong confirmation.</summary>
internal sealed record RejectedMessage(PakeRole Sender) : PakeMessage(Sender)
{
    public override PakeMessageType Type => PakeMessageType.Rejected;
}

/// <summary>The sender hit a protocol error and stopped.</summary>
internal sealed record AbortMessage(PakeRole Sender) : PakeMessage(Sender)
{
    public override PakeMessageType Type => PakeMessageType.Abort;
}
