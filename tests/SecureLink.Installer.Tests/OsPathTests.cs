namespace SecureLink.Installer.Tests;

public class OsPathTests
{
    [Theory]
    [InlineData(TargetOs.Linux, "/usr/bin/x", true)]
    [InlineData(TargetOs.Linux, "bin/x", false)]
    [InlineData(TargetOs.Linux, "./x", false)]
    [InlineData(TargetOs.MacOS, "/Applications/x", true)]
    [InlineData(TargetOs.Windows, @"C:\x\y.exe", true)]
    [InlineData(TargetOs.Windows, "c:/x/y.exe", true)]
    [InlineData(TargetOs.Windows, @"\\server\share\y.exe", true)]
    [InlineData(TargetOs.Windows, @"x\y.exe", false)]
    [InlineData(TargetOs.Windows, @"C:y.exe", false)]
    [InlineData(TargetOs.Windows, @"\y.exe", false)]
    public void IsAbsolute_follows_the_target_OS(TargetOs os, string path, bool expected) =>
        Assert.Equal(expected, OsPath.IsAbsolute(os, path));

    [Fact]
    public void Join_uses_the_target_separator_and_splits_slash_written_parts()
    {
        Assert.Equal(@"C:\a\b\c", OsPath.Join(TargetOs.Windows, @"C:\a", "b/c"));
        Assert.Equal("/a/b c/d", OsPath.Join(TargetOs.Linux, "/a/", "b c", "/d"));
        Assert.Equal("/etc/x", OsPath.Join(TargetOs.Linux, "/", "/etc/x"));
    }

    [Fact]
    public void Directory_and_file_name_split_at_the_last_separator()
    {
        Assert.Equal("/a/b", OsPath.Directory(TargetOs.Linux, "/a/b/c.json"));
        Assert.Equal("/", OsPath.Directory(TargetOs.Linux, "/c.json"));
        Assert.Equal(@"C:\a", OsPath.Directory(TargetOs.Windows, @"C:\a\c.json"));
        Assert.Equal("c.json", OsPath.FileName(TargetOs.Windows, @"C:\a\c.json"));
    }
}
