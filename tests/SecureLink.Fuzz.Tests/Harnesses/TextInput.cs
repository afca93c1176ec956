using System.Text;

namespace SecureLink.Fuzz.Tests.Harnesses;

/// <summary>Text parsers get the bytes as UTF-8, replacing invalid sequences, as a JSON string field would arrive.</summary>
internal static class TextInput
{
    public static string Decode(ReadOnlySpan<byte> data) => Encoding.UTF8.GetString(data);
}
