/// One option name/value pair from a request or an OACK (RFC 2347). Names keep the client's
/// spelling; compare them with `matches(_:)`, which ignores case as the RFC says.
public struct TFTPOption: Hashable, Sendable, CustomStringConvertible {
    public var name: String
    public var value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }

    /// Whether this option is `name`, ignoring case.
    public func matches(_ name: String) -> Bool {
        self.name.lowercased() == name
    }

    public var description: String { "\(name)=\(value)" }
}
