import Foundation
import ProvisionModel

/// An address the DHCP server has bound to a client, kept so it is honoured after a restart.
public struct DHCPLease: Sendable, Equatable, Codable {
    public var mac: MACAddress
    /// Dotted quad.
    public var address: String
    public var expiresAt: Date
    /// Option 12 as the client sent it, for operators reading `leases`.
    public var hostname: String?

    public init(mac: MACAddress, address: String, expiresAt: Date, hostname: String? = nil) {
        self.mac = mac
        self.address = address
        self.expiresAt = expiresAt
        self.hostname = hostname
    }
}

/// Where the DHCP server keeps its leases: one per client MAC. Every method is atomic on its own.
/// The server holds the working set in memory and writes through; the store is read once at start.
public protocol LeaseStore: Sendable {
    /// Every lease, expired ones included (a client coming back gets its old address when it is still free).
    func leases() async throws -> [DHCPLease]
    /// Creates or replaces the lease of `lease.mac`, and removes any other client's lease on the same address.
    func saveLease(_ lease: DHCPLease) async throws
    /// Removes the client's lease; no error when it has none.
    func deleteLease(_ mac: MACAddress) async throws
}
