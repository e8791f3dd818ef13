import ArgumentParser

/// `provision token …`: etcd discovery tokens on the server.
struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Manage etcd discovery tokens (the private discovery.etcd.io).",
        subcommands: [TokenNewCommand.self, TokenShowCommand.self, TokenListCommand.self, TokenRemoveCommand.self]
    )
}
