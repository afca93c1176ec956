using System.Text.RegularExpressions;
using SecureLink.Rooms.Pake;
using SecureLink.Rooms.Pake.Tests.Support;

namespace SecureLink.Rooms.Pake.Tests;

public class PinAuthenticatorTests
{
    [Fact]
    public async Task Right_pin_gives_both_sides_the_same_session_key_and_safety_code()
    {
        var pin = Pin.Generate();
        var (creator, joiner) = await PakePair.RunAsync(pin, pin);

        Assert.Null(creator.Error);
        Assert.Null(joiner.Error);
        Assert.Equal(32, creator.Result!.SessionKey.Length);
        Assert.Equal(creator.Result.SessionKey, joiner.Result!.SessionKey);
        Assert.Equal(creator.Result.SafetyCode, joiner.Result.SafetyCode);
        Assert.Matches(new Regex(@"^\d{4} \d{4}$"), creator.Result.SafetyCode);
        Assert.NotEqual(new byte[32], creator.Result.SessionKey);
    }

    [Fact]
    public async Task Two_runs_with_the_same_pin_and_fingerprints_give_fresh_keys_and_codes()
    {
        var first = await PakePair.RunAsync("4821", "4821");
        var second = await PakePair.RunAsync("4821", "4821");
        Assert.NotEqual(first.Creator.Result!.SessionKey, second.Creator.Result!.SessionKey);
        Assert.NotEqual(first.Creator.Result.SafetyCode, second.Creator.Result.SafetyCode);
    }

    [Theory]
    [InlineData("1234", "1235")]
    [InlineData("1234", "12345")]
    [InlineData("0000", "00000")]
    [InlineData("9999999999", "1234")]
    public async Task Wrong_pin_ends_with_WrongPin_on_both_sides_and_neither_hangs(string creatorPin, string joinerPin)
    {
        var (creator, joiner) = await PakePair.RunAsync(creatorPin, joinerPin);
        Assert.Equal(PakeFailure.WrongPin, creator.Failure);
        Assert.Equal(PakeFailure.WrongPin, joiner.Failure);
    }

    [Fact]
    public async Task WrongPin_message_says_the_connection_was_closed_and_reveals_no_digits()
    {
        var (creator, _) = await PakePair.RunAsync("5813", "5814");
        var message = creator.Error!.Message;
        Assert.Contains("PIN did not match", message);
        Assert.DoesNotContain("5813", message);
        Assert.DoesNotContain("5814", message);
    }

    [Fact]
    public async Task Dispose_zeroes_the_session_key()
    {
        var (creator, joiner) = await PakePair.RunAsync("2468", "2468");
        var key = creator.Result!.SessionKey;
        Assert.NotEqual(new byte[32], key);
        creator.Result.Dispose();
        joiner.Result!.Dispose();
        Assert.Equal(new byte[32], key);
    }

    [Fact]
    public async Task The_callers_pin_buffer_is_left_alone_and_only_the_copy_is_cleared()
    {
        var pinChars = "7391".ToCharArray();
        var (c, j) = MemoryChannel.Pair();
        var creator = PinAuthenticator.RunAsync(PakeRole.Creator, pinChars, PakePair.Binding(), c, PakePair.PakeTimeout, default);
        var joiner = PinAuthenticator.RunAsync(PakeRole.Joiner, "7391".AsMemory(), PakePair.Binding(), j, PakePair.PakeTimeout, default);
        await Task.WhenAll(creator, joiner).WaitAsync(PakePair.Guard);
        Assert.Equal("7391", new string(pinChars));   // the caller owns and clears its own buffer
    }

    [Theory]
    [InlineData("123")]
    [InlineData("12a4")]
    [InlineData("")]
    [InlineData("12345678901")]
    public async Task A_malformed_pin_is_a_caller_error_before_anything_is_sent(string pin)
    {
        var (c, _) = MemoryChannel.Pair();
        await Assert.ThrowsAsync<ArgumentException>(() =>
            PinAuthenticator.RunAsync(PakeRole.Creator, pin.AsMemory(), PakePair.Binding(), c, PakePair.PakeTimeout, default));
        Assert.Empty(c.Sent);
    }

    [Fact]
    public async Task Empty_or_oversized_fingerprints_are_caller_errors()
    {
        var (c, _) = MemoryChannel.Pair();
        await Assert.ThrowsAsync<ArgumentException>(() => PinAuthenticator.RunAsync(PakeRole.Creator, "1234".AsMemory(),
            new PakeBinding([], new byte[32]), c, PakePair.PakeTimeout, default));
        await Assert.ThrowsAsync<ArgumentException>(() => PinAuthenticator.RunAsync(PakeRole.Creator, "1234".AsMemory(),
            new PakeBinding(new byte[32], new byte[256]), c, PakePair.PakeTimeout, default));
    }
}
