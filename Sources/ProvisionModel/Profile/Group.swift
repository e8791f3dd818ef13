/// A group (`profiles/groups/*.yaml`) assigns a profile to the machines its selector matches.
/// Selector keys: `mac`, `uuid`, `serial`, `hostname`, `arch`, or any machine label. No selector = default group.
public struct Group: Sendable, Equatable, Codable {
    /// The file name without `.yaml`.
    public var id: String
    public var name: String?
    public var profile: String
    public var selector: [String: String]
    public var metadata: [String: Value]

    public init(id: String, name: String? = nil, profile: String, selector: [String: String] = [:],
                metadata: [String: Value] = [:]) {
        self.id = id
        self.name = name
        self.profile = profile
        self.selector = selector
        self.metadata = metadata
    }

    /// Whether every selector entry equals the request's attribute (MACs compared normalised).
    public func matches(_ attributes: [String: String]) -> Bool {
        selector.allSatisfy { key, wanted in
            guard let actual = attributes[key] else { return false }
            if key == "mac", let a = MACAddress(actual), let w = MACAddress(wanted) { return a == w }
            return actual == wanted
        }
    }
}
