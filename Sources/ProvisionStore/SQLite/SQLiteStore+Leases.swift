import Foundation
import GRDB
import ProvisionModel

/// A `dhcpLease` row (migration `v3-leases`).
struct LeaseRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "dhcpLease"

    var mac: String
    var address: String
    var expiresAt: Double
    var hostname: String?

    init(_ lease: DHCPLease) {
        mac = lease.mac.description
        address = lease.address
        expiresAt = lease.expiresAt.timeIntervalSince1970
        hostname = lease.hostname
    }

    /// nil for a row whose MAC no longer parses (never written by us); it is skipped rather than fatal.
    var lease: DHCPLease? {
        guard let parsed = MACAddress(mac) else { return nil }
        return DHCPLease(mac: parsed, address: address, expiresAt: Date(timeIntervalSince1970: expiresAt), hostname: hostname)
    }

    static func createTable(in db: Database) throws {
        try db.create(table: databaseTableName) { t in
            t.primaryKey("mac", .text)
            t.column("address", .text).notNull().unique()
            t.column("expiresAt", .double).notNull()
            t.column("hostname", .text)
        }
    }
}

extension SQLiteStore: LeaseStore {
    public func leases() async throws -> [DHCPLease] {
        try await read { db in try LeaseRow.order(Column("address")).fetchAll(db).compactMap(\.lease) }
    }

    public func saveLease(_ lease: DHCPLease) async throws {
        try await write { db in
            try LeaseRow.filter(Column("address") == lease.address && Column("mac") != lease.mac.description).deleteAll(db)
            try LeaseRow(lease).save(db)
        }
    }

    public func deleteLease(_ mac: MACAddress) async throws {
        _ = try await write { db in try LeaseRow.deleteOne(db, key: mac.description) }
    }
}
