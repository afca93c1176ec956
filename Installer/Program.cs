using SecureLink.Installer;

return CliApp.Run(args, InstallerEnvironment.FromProcess(), Console.Out, Console.Error);
