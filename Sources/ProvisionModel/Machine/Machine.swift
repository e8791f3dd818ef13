import Foundation

/// A machine the operator registered (or one that was discovered by PXE-booting).
public struct Machine: Codable, Sendable, Equatable {
    public var mac: MACAddress
    public var name: String?
    /// Profile id; nil means "select through groups".
    public var profile: String?
    public var labels: [String: String]
    public var metadata: [String: String]
    /// Static address in CIDR form (`10.0.0.11/24`), for rendering and DHCP reservations.
    public var ip: String?
    public var state: MachineState
    /// Why, when `state == .failed`.
    public var stateReason: String?
    public var stateChangedAt: Date
    public var createdAt: Date
    public var updatedAt: Date
    /// Per-boot secret handed to the installer; events must carry it.
    public var installToken: String?
    /// Store revision of this record, for compare-and-swap updates. Set by the store.
    public var revision: Int64

    public init(mac: MACAddress, name: String? = nil, profile: String? = nil, labels: [String: String] = [:],
                metadata: [String: String] = [:], ip: String? = nil, state: MachineState = .registered,
                stateReason: String? = nil, now: Date = Date(), installToken: String? = nil, revision: Int64 = 0) {
        self.mac = mac
        self.name = name
        self.profile = profile
        self.labels = labels
        self.metadata = metadata
        self.ip = ip
        self.state = state
        self.stateReason = stateReason
        self.stateChangedAt = now
        self.createdAt = now
        self.updatedAt = now
        self.installToken = installToken
        self.revision = revision
    }

    /// Moves to `state`, stamping the time; the reason is kept only for `failed`.
    public mutating func transition(to state: MachineState, reason: String? = nil, at now: Date = Date()) {
        if self.state != state { stateChangedAt = now }
        self.state = state
        stateReason = state == .failed ? reason : nil
        updatedAt = now
    }

    enum CodingKeys: String, CodingKey {
        case mac, name, profile, labels, metadata, ip, state
        case stateReason = "state_reason", stateChangedAt = "state_changed_at", createdAt = "created_at"
        case updatedAt = "updated_at", installToken = "install_token", revision
    }
}
