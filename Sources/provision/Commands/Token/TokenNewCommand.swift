import ArgumentParser
import Foundation

/// `provision token new --size N [--name cluster-a]`: prints the discovery URL to give etcd.
struct TokenNewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Create a discovery token and print its URL (for etcd --discovery).")

    @Option(help: "Expected number of etcd members, 1-99.")
    var size = 3

    @Option(help: "Bind the token to this cluster name (profiles with discovery.cluster use it).")
    var name: String?

    @OptionGroup var client: ClientOptions

    func validate() throws {
        guard (1...99).contains(size) else { throw ValidationError("--size must be from 1 to 99, got \(size)") }
    }

    func run() async throws {
        let body = try JSONEncoder().encode(NewToken(size: size, name: name))
        let data = try await AdminClient(client).request(.POST, "/api/v1/tokens", body: body)
        if client.json { return TokenOutput.printJSON(data) }
        print(try TokenOutput.decode(TokenSummary.self, data).url)
    }

    struct NewToken: Encodable {
        var size: Int
        var name: String?
    }
}
