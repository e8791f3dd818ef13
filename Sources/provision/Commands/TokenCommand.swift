import ArgumentParser

struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "token", abstract: "Not built yet.")
    func run() async throws { throw ValidationError("'token' is not built yet") }
}
