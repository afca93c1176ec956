namespace SecureLink.Installer;

/// <summary>The command-line entry point, with every dependency injected (tests call it directly).</summary>
public static class CliApp
{
    public static int Run(IReadOnlyList<string> args, InstallerEnvironment env, TextWriter output, TextWriter error)
    {
        try
        {
            var parsed = CliParser.Parse(args);
            if (parsed.Help)
            {
                output.Write(HelpText.For(parsed.Command).TrimEnd() + "\n");
                return 0;
            }
            switch (parsed.Command)
            {
                case "--version":
                    output.WriteLine("securelink-installer " + typeof(CliApp).Assembly.GetName().Version?.ToString(3));
                    return 0;
                case "install":
                    var templates = ManifestTemplates.Load(env.InstallerDirectory is null ? null : Path.Combine(env.InstallerDirectory, "manifest-templates"));
                    return InstallOperation.Run(parsed.Selection, env, templates, output, error);
                case "uninstall":
                    return UninstallOperation.Run(parsed.Selection, env, output, error);
                default:
                    var findings = DoctorOperation.Diagnose(parsed.Selection, env);
                    if (parsed.Json) DoctorReport.WriteJson(findings, output);
                    else DoctorReport.WriteText(findings, output);
                    return DoctorReport.IsHealthy(findings) ? 0 : 1;
            }
        }
        catch (UsageException e)
        {
            error.WriteLine("securelink-installer: " + e.Message);
            return 2;
        }
    }
}
