using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using SecureLink.Rooms.Codes;
using SecureLink.Rooms.Qr;
using SecureLink.Rooms.Tests.Codes;
using Xunit;

namespace SecureLink.Rooms.Tests.Qr;

public partial class QrSvgTests
{
    [Fact]
    public void Svg_scales_freely_with_a_quiet_zone_and_is_dark_on_light()
    {
        var code = InviteCode.Encode(Samples.OfflineInvite(4));
        var svg = XDocument.Parse(QrRenderer.ToSvg(code)).Root!;
        Assert.Equal("svg", svg.Name.LocalName);
        Assert.Null(svg.Attribute("width"));
        Assert.Null(svg.Attribute("height"));
        var box = svg.Attribute("viewBox")!.Value.Split(' ').Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var modules = 17 + 4 * QrRenderer.VersionFor(code);
        Assert.Equal([0, 0, modules + 8, modules + 8], box); // 4 light modules on each side
        var fills = FillPattern().Matches(svg.ToString()).Select(m => m.Groups[1].Value.ToUpperInvariant()).Distinct().Order().ToList();
        Assert.Equal(["#000000", "#FFFFFF"], fills);
    }

    [Fact]
    public void Empty_text_is_a_caller_bug()
    {
        Assert.Throws<ArgumentException>(() => QrRenderer.ToSvg(""));
        Assert.Throws<ArgumentNullException>(() => QrRenderer.VersionFor(null!));
    }

    [GeneratedRegex("fill=\"(#[0-9A-Fa-f]{6})\"")]
    private static partial Regex FillPattern();
}
