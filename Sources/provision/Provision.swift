import ArgumentParser

@main
struct Provision: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "provision",
        abstract: "Bare-metal provisioning and PXE boot server.",
        subcommands: [
            ServeCommand.self, MachineCommand.self, ProfileCommand.self, RenderCommand.self,
            ValidateCommand.self, TokenCommand.self, ImageCommand.self, InstallCommand.self,
        ]
    )
}
