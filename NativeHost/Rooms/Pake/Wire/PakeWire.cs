using Org.BouncyCastle.Math;
using Org.BouncyCastle.Utilities;

namespace SecureLink.Rooms.Pake.Wire;

/// <summary>
/// The compact binary form of PAKE messages, version 1. Every message starts with
/// <c>version (1) | type | sender (0 creator, 1 joiner)</c>; every field after that has a fixed
/// width, so the total length is known from (type, sender) and must match exactly. Group elements
/// are 384-byte big-endian values in 1..p-1, exponents 32-byte values in 0..q-1, so each value has
/// exactly one encoding. Anything else is a <see cref="PakeFailure.ProtocolError"/>; the decoder
/// never throws another type. Layouts (E = 384, S = 32, N = 32 bytes):
/// <code>
/// Round1   hdr | g^x1 E | g^x2 E | V1 E | r1 S | V2 E | r2 S | [creator: commitment N]
/// Round2   hdr | A E    | V E    | r S  | [joiner: safety nonce N]
/// Confirm  hdr | tag N  | [creator: safety nonce N]
/// Rejected hdr          (creator only)
/// Abort    hdr
/// </code>
/// </summary>
internal static class PakeWire
{
    public const byte Version = 1;
    public const int HeaderBytes = 3;
    public const int NonceBytes = 32;
    public const int TagBytes = 32;

    /// <summary>No valid message is larger; longer input is refused before it is looked at.</summary>
    public const int MaxMessageBytes = 2048;

    private static int E => JPakeSuite.ElementBytes;
    private static int S => JPakeSuite.ScalarBytes;

    /// <summary>The exact length of a valid message of this type from this sender.</summary>
    public static int LengthOf(PakeMessageType type, PakeRole sender) => type switch
    {
        PakeMessageType.Round1 => HeaderBytes + 4 * E + 2 * S + (sender == PakeRole.Creator ? NonceBytes : 0),
        PakeMessageType.Round2 => HeaderBytes + 2 * E + S + (sender == PakeRole.Joiner ? NonceBytes : 0),
        PakeMessageType.Confirm => HeaderBytes + TagBytes + (sender == PakeRole.Creator ? NonceBytes : 0),
        PakeMessageType.Rejected or PakeMessageType.Abort => HeaderBytes,
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    public static byte[] Encode(PakeMessage message)
    {
        var buffer = new byte[LengthOf(message.Type, message.Sender)];
        buffer[0] = Version;
        buffer[1] = (byte)message.Type;
        buffer[2] = message.Sender == PakeRole.Creator ? (byte)0 : (byte)1;
        var at = HeaderBytes;
        switch (message)
        {
            case Round1Message m:
                RequireOptional(m.SafetyCommitment, m.Sender == PakeRole.Creator);
                PutElement(buffer, ref at, m.Gx1);
                PutElement(buffer, ref at, m.Gx2);
                PutProof(buffer, ref at, m.ProofX1);
                PutProof(buffer, ref at, m.ProofX2);
                PutBytes(buffer, ref at, m.SafetyCommitment);
                break;
            case Round2Message m:
                RequireOptional(m.SafetyNonce, m.Sender == PakeRole.Joiner);
                PutElement(buffer, ref at, m.A);
                PutProof(buffer, ref at, m.ProofX2s);
                PutBytes(buffer, ref at, m.SafetyNonce);
                break;
            case ConfirmMessage m:
                if (m.Tag.Length != TagBytes) throw new ArgumentException("Confirmation tag must be 32 bytes.", nameof(message));
                RequireOptional(m.SafetyNonce, m.Sender == PakeRole.Creator);
                PutBytes(buffer, ref at, m.Tag);
                PutBytes(buffer, ref at, m.SafetyNonce);
                break;
            case RejectedMessage when message.Sender != PakeRole.Creator:
                throw new ArgumentException("Only the creator rejects a confirmation.", nameof(message));
        }
        return buffer;
    }

    /// <summary>Parses one message or throws <see cref="PakeException"/> with <see cref="PakeFailure.ProtocolError"/>.</summary>
    public static PakeMessage Decode(byte[]? bytes)
    {
        if (bytes is null || bytes.Length < HeaderBytes) throw Bad("The other side sent a message that is too short.");
        if (bytes.Length > MaxMessageBytes) throw Bad("The other side sent a message that is far too long.");
        if (bytes[0] != Version)
            throw Bad("The other side speaks a different version of the PIN check; both need the same SecureLink version.");
        if (bytes[1] is < (byte)PakeMessageType.Round1 or > (byte)PakeMessageType.Abort)
            throw Bad("The other side sent a message of an unknown kind.");
        if (bytes[2] > 1) throw Bad("The other side sent a message from an unknown participant.");

        var type = (PakeMessageType)bytes[1];
        var sender = bytes[2] == 0 ? PakeRole.Creator : PakeRole.Joiner;
        if (bytes.Length != LengthOf(type, sender)) throw Bad("The other side sent a message of the wrong length.");

        var at = HeaderBytes;
        switch (type)
        {
            case PakeMessageType.Round1:
                {
                    var gx1 = TakeElement(bytes, ref at);
                    var gx2 = TakeElement(bytes, ref at);
                    var proof1 = TakeProof(bytes, ref at);
                    var proof2 = TakeProof(bytes, ref at);
                    var commitment = sender == PakeRole.Creator ? TakeBytes(bytes, ref at, NonceBytes) : null;
                    return new Round1Message(sender, gx1, gx2, proof1, proof2, commitment);
                }
            case PakeMessageType.Round2:
                {
                    var a = TakeElement(bytes, ref at);
                    var proof = TakeProof(bytes, ref at);
                    var nonce = sender == PakeRole.Joiner ? TakeBytes(bytes, ref at, NonceBytes) : null;
                    return new Round2Message(sender, a, proof, nonce);
                }
            case PakeMessageType.Confirm:
                {
                    var tag = TakeBytes(bytes, ref at, TagBytes);
                    var nonce = sender == PakeRole.Creator ? TakeBytes(bytes, ref at, NonceBytes) : null;
                    return new ConfirmMessage(sender, tag, nonce);
                }
            case PakeMessageType.Rejected:
                if (sender != PakeRole.Creator) throw Bad("The joiner sent a message only the creator may send.");
                return new RejectedMessage(sender);
            default:
                return new AbortMessage(sender);
        }
    }

    private static PakeException Bad(string message) => PakeException.Protocol(message);

    private static void RequireOptional(byte[]? field, bool present)
    {
        if (present ? field is not { Length: NonceBytes } : field is not null)
            throw new ArgumentException("Safety nonce or commitment present for the wrong sender or of the wrong length.");
    }

    private static void PutElement(byte[] buffer, ref int at, BigInteger value)
    {
        BigIntegers.AsUnsignedByteArray(value, buffer, at, E);
        at += E;
    }

    private static void PutScalar(byte[] buffer, ref int at, BigInteger value)
    {
        BigIntegers.AsUnsignedByteArray(value, buffer, at, S);
        at += S;
    }

    private static void PutProof(byte[] buffer, ref int at, BigInteger[] proof)
    {
        if (proof.Length != 2) throw new ArgumentException("A Schnorr proof has two parts.", nameof(proof));
        PutElement(buffer, ref at, proof[0]);
        PutScalar(buffer, ref at, proof[1]);
    }

    private static void PutBytes(byte[] buffer, ref int at, byte[]? value)
    {
        if (value is null) return;
        value.CopyTo(buffer, at);
        at += value.Length;
    }

    private static BigInteger TakeElement(byte[] bytes, ref int at)
    {
        var value = new BigInteger(1, bytes, at, E);
        at += E;
        // 1..p-1: zero is never a group element, and values >= p would give a second encoding.
        if (value.SignValue <= 0 || value.CompareTo(JPakeSuite.Group.P) >= 0)
            throw Bad("The other side sent a number outside the group.");
        return value;
    }

    private static BigInteger TakeScalar(byte[] bytes, ref int at)
    {
        var value = new BigInteger(1, bytes, at, S);
        at += S;
        if (value.CompareTo(JPakeSuite.Group.Q) >= 0) throw Bad("The other side sent an exponent out of range.");
        return value;
    }

    private static BigInteger[] TakeProof(byte[] bytes, ref int at)
    {
        var commitment = TakeElement(bytes, ref at);
        var response = TakeScalar(bytes, ref at);
        return [commitment, response];
    }

    private static byte[] TakeBytes(byte[] bytes, ref int at, int count)
    {
        var value = bytes.AsSpan(at, count).ToArray();
        at += count;
        return value;
    }
}
