import ArgumentParser

/// `provision token list`: every token with its fill level.
struct TokenListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List discovery tokens.")

    @OptionGroup var client: ClientOptions

    func run() async throws {
        let data = try await AdminClient(client).request(.GET, "/api/v1/tokens")
        if client.json { return TokenOutput.printJSON(data) }
        let tokens = try TokenOutput.decode([TokenSummary].self, data)
        print(TokenOutput.table(tokens))
    }
}
