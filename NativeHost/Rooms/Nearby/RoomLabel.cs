using System.Security.Cryptography;

namespace SecureLink.Rooms.Nearby;

/// <summary>
/// The name a visible room goes by on the network: two short English words drawn at random
/// (4,096 pairs), easy to say aloud ("is yours Amber Otter?") and unrelated to the room id,
/// the invite or the person. It is not a secret and not a security measure: the PIN is.
/// </summary>
public static class RoomLabel
{
    private static readonly string[] Adjectives =
    [
        "Amber", "Azure", "Bold", "Brave", "Bright", "Calm", "Clever", "Coral", "Crisp", "Dusky", "Eager", "Fair",
        "Fancy", "Gentle", "Golden", "Happy", "Hazel", "Honest", "Humble", "Ivory", "Jolly", "Kind", "Lively", "Lucky",
        "Merry", "Mild", "Misty", "Noble", "Olive", "Pale", "Plucky", "Polite", "Proud", "Quick", "Quiet", "Rapid",
        "Rosy", "Ruby", "Rustic", "Sandy", "Shy", "Silver", "Sleepy", "Smooth", "Snowy", "Solar", "Sunny", "Swift",
        "Tame", "Tidy", "Tiny", "Topaz", "Vivid", "Warm", "Wise", "Witty", "Young", "Zesty", "Cosy", "Dapper",
        "Frosty", "Grand", "Lunar", "Mellow",
    ];

    private static readonly string[] Nouns =
    [
        "Badger", "Bear", "Beaver", "Bison", "Crane", "Deer", "Dolphin", "Dove", "Eagle", "Falcon", "Ferret", "Finch",
        "Fox", "Gecko", "Goose", "Hare", "Hawk", "Heron", "Ibis", "Koala", "Lark", "Lemur", "Lion", "Lynx",
        "Marten", "Mole", "Moose", "Newt", "Otter", "Owl", "Panda", "Parrot", "Pelican", "Penguin", "Puffin", "Quail",
        "Rabbit", "Raven", "Robin", "Salmon", "Seal", "Shrew", "Sparrow", "Stork", "Swan", "Tiger", "Toucan", "Trout",
        "Turtle", "Walrus", "Weasel", "Whale", "Wolf", "Wombat", "Wren", "Yak", "Zebra", "Bee", "Camel", "Cricket",
        "Gull", "Kiwi", "Magpie", "Orca",
    ];

    /// <summary>A fresh label, e.g. "Amber Otter".</summary>
    public static string Draw() =>
        Adjectives[RandomNumberGenerator.GetInt32(Adjectives.Length)] + " " + Nouns[RandomNumberGenerator.GetInt32(Nouns.Length)];

    /// <summary>What a label read from the network may look like before we show it: short, printable, no dot.</summary>
    public static bool IsShowable(string label) =>
        label.Length is > 0 and <= 40 && label.All(c => char.IsLetterOrDigit(c) || c is ' ' or '-');
}
