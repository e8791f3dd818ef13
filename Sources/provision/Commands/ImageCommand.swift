import ArgumentParser

struct ImageCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "image", abstract: "Not built yet.")
    func run() async throws { throw ValidationError("'image' is not built yet") }
}
