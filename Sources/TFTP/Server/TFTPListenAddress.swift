/// The value of `provision serve --tftp`: `ADDR:PORT`, `:PORT` (all interfaces), `[v6addr]:PORT`,
/// or `off`.
public enum TFTPListenAddress: Hashable, Sendable, CustomStringConvertible {
    case off
    case listen(host: String, port: Int)

    /// Parses a flag value; throws a message naming the bad part.
    public init(parsing text: String) throws(TFTPListenAddressError) {
        if text.lowercased() == "off" {
            self = .off
            return
        }
        guard let colon = text.lastIndex(of: ":") else { throw .init(text, "expected ADDR:PORT, :PORT or off") }
        var host = String(text[..<colon])
        let portText = text[text.index(after: colon)...]
        guard let port = Int(portText), (0...65535).contains(port) else {
            throw .init(text, "port '\(portText)' is not a number from 0 to 65535")
        }
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.contains(":") || text.hasPrefix("[") else {
            throw .init(text, "write IPv6 addresses in brackets, as [::1]:69")
        }
        self = .listen(host: host.isEmpty ? "0.0.0.0" : host, port: port)
    }

    public var description: String {
        switch self {
        case .off: "off"
        case .listen(let host, let port): host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        }
    }
}

/// A `--tftp` value that does not parse.
public struct TFTPListenAddressError: Error, Hashable, Sendable, CustomStringConvertible {
    public let value: String
    public let reason: String

    init(_ value: String, _ reason: String) {
        self.value = value
        self.reason = reason
    }

    public var description: String { "invalid TFTP address '\(value)': \(reason)" }
}
