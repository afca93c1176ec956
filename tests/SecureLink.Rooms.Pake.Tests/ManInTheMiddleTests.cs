using SecureLink.Rooms.Pake;
using SecureLink.Rooms.Pake.Tests.Support;

namespace SecureLink.Rooms.Pake.Tests;

/// <summary>
/// Someone swapped the invite and reply codes, so each person's DTLS session ends at the middle:
/// the creator sees (creator cert, middle cert B), the joiner sees (middle cert A, joiner cert).
/// </summary>
public class ManInTheMiddleTests
{
    private static readonly PakeBinding CreatorView = PakePair.Binding(creator: 0xC1, joiner: 0xB2);
    private static readonly PakeBinding JoinerView = PakePair.Binding(creator: 0xA3, joiner: 0x10);

    [Fact]
    public async Task A_middle_that_relays_the_pake_unchanged_fails_confirmation_even_with_the_right_pin()
    {
        // The PAKE messages pass through untouched, so both sides reach the same J-PAKE key;
        // only the fingerprint binding differs, and that alone must break the confirmation.
        var (creator, joiner) = await PakePair.RunAsync("4821", "4821", CreatorView, JoinerView);
        Assert.Equal(PakeFailure.WrongPin, creator.Failure);
        Assert.Equal(PakeFailure.WrongPin, joiner.Failure);
    }

    [Fact]
    public async Task The_same_relay_with_matching_views_succeeds_so_the_binding_is_what_failed()
    {
        var (creator, joiner) = await PakePair.RunAsync("4821", "4821", CreatorView, CreatorView);
        Assert.Null(creator.Error);
        Assert.Null(joiner.Error);
    }

    [Fact]
    public async Task A_middle_who_knows_the_pin_and_runs_two_pakes_passes_both_but_the_safety_codes_differ()
    {
        // Run 1: real creator <-> middle posing as joiner. Run 2: middle posing as creator <-> real joiner.
        var run1 = PakePair.RunAsync("4821", "4821", CreatorView, CreatorView);
        var run2 = PakePair.RunAsync("4821", "4821", JoinerView, JoinerView);
        var (realCreator, middleAsJoiner) = await run1;
        var (middleAsCreator, realJoiner) = await run2;

        Assert.Null(realCreator.Error);
        Assert.Null(realJoiner.Error);
        Assert.Equal(realCreator.Result!.SafetyCode, middleAsJoiner.Result!.SafetyCode);
        Assert.Equal(realJoiner.Result!.SafetyCode, middleAsCreator.Result!.SafetyCode);
        // What the two people read to each other: different, so they know.
        Assert.NotEqual(realCreator.Result.SafetyCode, realJoiner.Result.SafetyCode);
        Assert.NotEqual(realCreator.Result.SessionKey, realJoiner.Result.SessionKey);
    }

    [Fact]
    public async Task Swapping_the_fingerprint_order_is_a_different_binding()
    {
        // Creator-first order is part of the binding: a side that mixed the order up fails.
        var swapped = new PakeBinding(CreatorView.JoinerFingerprint, CreatorView.CreatorFingerprint);
        var (creator, joiner) = await PakePair.RunAsync("4821", "4821", CreatorView, swapped);
        Assert.Equal(PakeFailure.WrongPin, creator.Failure);
        Assert.Equal(PakeFailure.WrongPin, joiner.Failure);
    }
}
