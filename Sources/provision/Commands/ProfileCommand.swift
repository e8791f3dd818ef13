import ArgumentParser

struct ProfileCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "profile", abstract: "Not built yet.")
    func run() async throws { throw ValidationError("'profile' is not built yet") }
}
