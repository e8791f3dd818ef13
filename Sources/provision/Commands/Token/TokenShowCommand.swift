import ArgumentParser

/// `provision token show <token>`: size, expiry and the members registered so far.
struct TokenShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a discovery token: size, expiry and registered members (names, peer URLs, times).")

    @Argument(help: "The token, or its whole discovery URL.")
    var token: String

    @OptionGroup var client: ClientOptions

    func run() async throws {
        let data = try await AdminClient(client).request(.GET, "/api/v1/tokens/\(try TokenOutput.id(token))")
        if client.json { return TokenOutput.printJSON(data) }
        print(TokenOutput.details(try TokenOutput.decode(TokenSummary.self, data)))
    }
}
