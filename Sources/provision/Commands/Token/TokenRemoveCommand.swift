import ArgumentParser

/// `provision token rm <token>`: deletes the token, its members and history.
struct TokenRemoveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rm",
        abstract: "Remove a discovery token (a named cluster gets a fresh token at its next render).")

    @Argument(help: "The token, or its whole discovery URL.")
    var token: String

    @OptionGroup var client: ClientOptions

    func run() async throws {
        let id = try TokenOutput.id(token)
        let data = try await AdminClient(client).request(.DELETE, "/api/v1/tokens/\(id)")
        if client.json { return TokenOutput.printJSON(data) }
        print("removed \(id)")
    }
}
