import ArgumentParser

struct MachineCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "machine", abstract: "Not built yet.")
    func run() async throws { throw ValidationError("'machine' is not built yet") }
}
