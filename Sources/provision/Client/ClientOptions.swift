import ArgumentParser
import Foundation

/// How an operator command finds the server: flags, else environment, else the local defaults `make run` uses.
struct ClientOptions: ParsableArguments {
    @Option(help: "Server URL (env PROVISION_SERVER; default http://127.0.0.1:8080).")
    var server: String?

    @Option(help: "File holding the admin token (env PROVISION_TOKEN holds the token itself; default var/admin-token).")
    var tokenFile: String?

    @Flag(help: "Print JSON instead of text.")
    var json = false

    var serverURL: String {
        let url = server ?? ProcessInfo.processInfo.environment["PROVISION_SERVER"] ?? "http://127.0.0.1:8080"
        return url.hasSuffix("/") ? String(url.dropLast()) : url
    }

    func adminToken() throws -> String {
        if tokenFile == nil, let token = ProcessInfo.processInfo.environment["PROVISION_TOKEN"], !token.isEmpty {
            return token
        }
        let path = tokenFile ?? "var/admin-token"
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw CLIError("cannot read the admin token from \(path) (use --token-file or PROVISION_TOKEN)")
        }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// A one-line error for the operator: printed to stderr, exit status 1.
struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
