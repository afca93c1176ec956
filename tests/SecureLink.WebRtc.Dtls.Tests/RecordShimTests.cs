using SecureLink.WebRtc.Dtls;

namespace SecureLink.WebRtc.Dtls.Tests;

/// <summary>The two datagram-level shims around BouncyCastle, as pure functions.</summary>
public sealed class RecordShimTests
{
    private static byte[] Record(byte type, int epoch, long seq, byte[] body) =>
    [
        type, 0xFE, 0xFD, (byte)(epoch >> 8), (byte)epoch,
        (byte)(seq >> 40), (byte)(seq >> 32), (byte)(seq >> 24), (byte)(seq >> 16), (byte)(seq >> 8), (byte)seq,
        (byte)(body.Length >> 8), (byte)body.Length, .. body,
    ];

    private static byte[] Handshake(byte msgType, int seq, int length = 4) =>
        [msgType, 0, 0, (byte)length, 0, (byte)seq, 0, 0, 0, 0, 0, (byte)length, .. new byte[length]];

    [Fact]
    public void Record_guard_passes_everything_before_a_cipher_is_chosen()
    {
        var d = Record(23, 1, 1, new byte[3]);
        Assert.Same(d, DtlsRecordGuard.Filter(d, null));
    }

    [Fact]
    public void Record_guard_drops_records_with_the_reserved_version_fe_fe_at_any_time()
    {
        // BouncyCastle throws on version {0xFE, 0xFE} and closes the session (fuzzing finding F3).
        var good = Record(23, 1, 1, new byte[30]);
        byte[] reserved = [.. Record(23, 1, 2, new byte[30])];
        reserved[2] = 0xFE;
        Assert.Null(DtlsRecordGuard.Filter(reserved, null));
        Assert.Equal(good, DtlsRecordGuard.Filter([.. reserved, .. good], null));
        Assert.Equal(good, DtlsRecordGuard.Filter([.. good, .. reserved], null));
        // ... and in a hello's own version field (finding F4).
        byte[] hello = [.. Handshake(1, 0, 40)];
        hello[12] = 0xFE;
        hello[13] = 0xFE;
        Assert.Null(DtlsRecordGuard.Filter(Record(22, 0, 0, hello), null));
        hello[13] = 0xFD;
        var fine = Record(22, 0, 0, hello);
        Assert.Same(fine, DtlsRecordGuard.Filter(fine, null));
    }

    [Fact]
    public void Flight_replayer_renumbers_epoch0_records_into_one_rising_sequence()
    {
        var replayer = new FlightReplayer(TimeSpan.FromSeconds(2));
        var first = replayer.Renumber(Record(22, 0, 5, Handshake(11, 1)));
        replayer.OnSend(first);
        var replay = replayer.Refresh(first);
        Assert.Equal(6, replay[10]);                                  // fresh number above 5
        Assert.Equal(5, first[10]);                                   // the recorded copy is untouched
        var next = replayer.Renumber(Record(22, 0, 6, Handshake(16, 2)));
        Assert.Equal(7, next[10]);                                    // BouncyCastle's next record shifted above the replay
        var protectedRecord = replayer.Renumber(Record(22, 1, 0, new byte[40]));
        Assert.Equal(0, protectedRecord[10]);                         // epoch 1 is MAC'd: never touched
    }

    [Fact]
    public void Change_cipher_spec_gate_holds_ccs_until_certificate_kex_and_verify_arrived()
    {
        var gate = new ChangeCipherSpecGate { Active = true };
        Assert.NotNull(gate.Inspect(Record(22, 0, 1, Handshake(11, 1))).Deliver);
        Assert.NotNull(gate.Inspect(Record(22, 0, 2, Handshake(16, 2))).Deliver);
        // CertificateVerify lost: the CCS is held back entirely.
        var (deliver, release) = gate.Inspect(Record(20, 0, 4, [1]));
        Assert.Null(deliver);
        Assert.Null(release);
        Assert.Equal(1, gate.Held);
        // The CertificateVerify arrives: it is delivered, and the held CCS is released after it.
        (deliver, release) = gate.Inspect(Record(22, 0, 5, Handshake(15, 3)));
        Assert.NotNull(deliver);
        Assert.Equal(20, release![0]);
        // Later CCS copies flow straight through.
        Assert.NotNull(gate.Inspect(Record(20, 0, 9, [1])).Deliver);
    }

    [Fact]
    public void Change_cipher_spec_gate_strips_only_the_ccs_from_a_packed_datagram()
    {
        var gate = new ChangeCipherSpecGate { Active = true };
        byte[] packed = [.. Record(22, 0, 1, Handshake(11, 1)), .. Record(20, 0, 2, [1]), .. Record(22, 1, 0, new byte[30])];
        var (deliver, _) = gate.Inspect(packed);
        Assert.Equal(packed.Length - 14, deliver!.Length);
        Assert.Equal(22, deliver[0]);
        Assert.Equal(22, deliver[13 + 16]);
    }

    [Fact]
    public void Change_cipher_spec_gate_counts_fragments_towards_a_complete_message()
    {
        var gate = new ChangeCipherSpecGate { Active = true };
        gate.Inspect(Record(22, 0, 1, Handshake(16, 2)));
        gate.Inspect(Record(22, 0, 2, Handshake(15, 3)));
        // Certificate of 8 bytes in two fragments of 4.
        byte[] part1 = [11, 0, 0, 8, 0, 1, 0, 0, 0, 0, 0, 4, 1, 2, 3, 4];
        byte[] part2 = [11, 0, 0, 8, 0, 1, 0, 0, 4, 0, 0, 4, 5, 6, 7, 8];
        gate.Inspect(Record(22, 0, 3, part1));
        Assert.Null(gate.Inspect(Record(20, 0, 4, [1])).Deliver);   // still incomplete: held
        var (_, release) = gate.Inspect(Record(22, 0, 5, part2));
        Assert.NotNull(release);
    }

    [Fact]
    public void Inactive_gate_changes_nothing()
    {
        var gate = new ChangeCipherSpecGate();
        var ccs = Record(20, 0, 1, [1]);
        Assert.Same(ccs, gate.Inspect(ccs).Deliver);
    }
}
