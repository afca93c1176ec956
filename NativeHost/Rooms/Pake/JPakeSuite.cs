using Org.BouncyCastle.Crypto.Agreement.JPake;

namespace SecureLink.Rooms.Pake;

/// <summary>
/// The fixed J-PAKE parameters of protocol version 1. BouncyCastle C# 2.7 offers J-PAKE only over
/// prime-order subgroups of Z_p* (no elliptic-curve J-PAKE), so we use its NIST_3072 group: a
/// 3072-bit p with a 256-bit q, the FIPS 186 DSA-style group BouncyCastle takes from NIST's
/// examples. 3072 bits matches the ~128-bit strength of the P-256 DTLS certificates; the 2048-bit
/// group is ~112 bits and the 1024-bit one is broken. SHA-256 is BC's digest for the proofs.
/// </summary>
internal static class JPakeSuite
{
    public static JPakePrimeOrderGroup Group => JPakePrimeOrderGroups.NIST_3072;

    /// <summary>Bytes of a group element on the wire (values mod p, fixed width).</summary>
    public static readonly int ElementBytes = (Group.P.BitLength + 7) / 8;

    /// <summary>Bytes of an exponent on the wire (values mod q, fixed width).</summary>
    public static readonly int ScalarBytes = (Group.Q.BitLength + 7) / 8;

    public const string CreatorId = "securelink-creator";
    public const string JoinerId = "securelink-joiner";

    public static string ParticipantId(PakeRole role) => role == PakeRole.Creator ? CreatorId : JoinerId;

    public static PakeRole Other(PakeRole role) => role == PakeRole.Creator ? PakeRole.Joiner : PakeRole.Creator;
}
