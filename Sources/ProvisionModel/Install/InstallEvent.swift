/// Progress the install agent reports to `POST /api/v1/machines/<mac>/events`.
public struct InstallEvent: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case download, verify, write, done, failed
    }
    public var kind: Kind
    /// Why, for `failed`; free text for the others.
    public var reason: String?
    /// Bytes handled so far in this phase.
    public var bytes: Int64?
    /// Bytes per second over the phase so far.
    public var rate: Double?

    public init(kind: Kind, reason: String? = nil, bytes: Int64? = nil, rate: Double? = nil) {
        self.kind = kind
        self.reason = reason
        self.bytes = bytes
        self.rate = rate
    }
}
