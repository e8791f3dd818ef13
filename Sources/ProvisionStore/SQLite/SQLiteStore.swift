import Foundation
import GRDB
import ProvisionModel

/// The embedded store: one SQLite file in WAL mode (a `DatabasePool`), or an in-memory database for tests.
public final class SQLiteStore: Store {
    let db: any DatabaseWriter
    let cache = MachineCache()

    /// Opens (creating if needed) the database at `path`, or an in-memory one for `":memory:"`.
    public init(path: String) throws {
        do {
            if path == ":memory:" {
                db = try DatabaseQueue()
            } else {
                var config = Configuration()
                config.busyMode = .timeout(10)
                db = try DatabasePool(path: path, configuration: config)
            }
            try SQLiteSchema.migrator.migrate(db)
        } catch let error as DatabaseError {
            throw StoreError.backend("\(path): \(error.message ?? error.description)")
        }
    }

    public func machine(_ mac: MACAddress) async throws -> Machine? {
        if let cached = cache.lookup(mac) { return cached }
        let found = try await read { db in try Self.fetch(mac, in: db) }
        if let found { cache.fill(mac, found) }
        return found
    }

    public func machines(_ filter: MachineFilter) async throws -> [Machine] {
        try await read { db in
            var request = MachineRow.order(Column("mac"))
            if let state = filter.state { request = request.filter(Column("state") == state.rawValue) }
            return try request.fetchAll(db).map { try $0.machine() }.filter(filter.matches)
        }
    }

    public func createMachine(_ machine: Machine) async throws -> Machine {
        let (stored, sequence) = try await write { [cache] db in
            var stored = machine
            stored.revision = 1
            do {
                try MachineRow(stored).insert(db)
            } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_PRIMARYKEY {
                throw StoreError.alreadyExists("machine \(machine.mac)")
            }
            return (stored, cache.takeSequence())
        }
        cache.record(stored.mac, stored, sequence: sequence)
        return stored
    }

    public func replaceMachine(_ machine: Machine) async throws -> Machine {
        let (stored, sequence) = try await write { [cache] db in (try Self.replace(machine, in: db), cache.takeSequence()) }
        cache.record(stored.mac, stored, sequence: sequence)
        return stored
    }

    public func upsertMachines(_ machines: [Machine]) async throws -> UpsertSummary {
        let (summary, written, sequence) = try await write { [cache] db in
            var summary = UpsertSummary()
            var written: [Machine] = []
            // One query for what exists, instead of one per row: imports are whole racks.
            let existingRows = try MachineRow.fetchAll(db, keys: machines.map(\.mac.description))
            var existingByMAC: [String: Machine] = [:]
            for row in existingRows { existingByMAC[row.mac] = try row.machine() }
            for machine in machines {
                if var existing = existingByMAC[machine.mac.description] {
                    let before = existing
                    existing.adopt(machine)
                    if existing == before { summary.unchanged += 1; continue }
                    written.append(try Self.replace(existing, in: db))
                    summary.updated += 1
                } else {
                    var stored = machine
                    stored.revision = 1
                    try MachineRow(stored).insert(db)
                    written.append(stored)
                    summary.created += 1
                }
            }
            return (summary, written, cache.takeSequence())
        }
        for machine in written { cache.record(machine.mac, machine, sequence: sequence) }
        return summary
    }

    public func deleteMachine(_ mac: MACAddress) async throws {
        let sequence = try await write { [cache] db in
            guard try MachineRow.deleteOne(db, key: mac.description) else { throw StoreError.notFound("machine \(mac)") }
            try EventRow.filter(Column("mac") == mac.description).deleteAll(db)
            return cache.takeSequence()
        }
        cache.record(mac, nil, sequence: sequence)
    }

    public func machineCountsByState() async throws -> [MachineState: Int] {
        try await read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT state, COUNT(*) AS n FROM machine GROUP BY state")
            var counts: [MachineState: Int] = [:]
            for row in rows {
                if let state = MachineState(rawValue: row["state"]) { counts[state] = row["n"] }
            }
            return counts
        }
    }

    public func appendEvent(_ event: MachineEvent) async throws {
        try await write { db in try EventRow(event).insert(db) }
    }

    public func events(for mac: MACAddress, limit: Int) async throws -> [MachineEvent] {
        try await read { db in
            try EventRow.filter(Column("mac") == mac.description)
                .order(Column("id").desc).limit(limit)
                .fetchAll(db).reversed().compactMap { $0.event() }
        }
    }

    // MARK: - Plumbing

    /// One machine by primary key, through a cached prepared statement (the boot path's only query).
    static func fetch(_ mac: MACAddress, in db: Database) throws -> Machine? {
        try fetchRow(mac, in: db)?.machine()
    }

    static func fetchRow(_ mac: MACAddress, in db: Database) throws -> MachineRow? {
        let statement = try db.cachedStatement(sql: "SELECT * FROM machine WHERE mac = ?")
        return try MachineRow.fetchOne(statement, arguments: [mac.description])
    }

    static func replace(_ machine: Machine, in db: Database) throws -> Machine {
        guard let current = try fetchRow(machine.mac, in: db) else {
            throw StoreError.notFound("machine \(machine.mac)")
        }
        guard current.revision == machine.revision else { throw StoreError.conflict("machine \(machine.mac)") }
        var stored = machine
        stored.revision = machine.revision + 1
        try MachineRow(stored).update(db)
        return stored
    }

    func read<T: Sendable>(_ body: @Sendable @escaping (Database) throws -> T) async throws -> T {
        do { return try await db.read(body) } catch let error as DatabaseError { throw StoreError.backend(error.description) }
    }

    func write<T: Sendable>(_ body: @Sendable @escaping (Database) throws -> T) async throws -> T {
        do { return try await db.write(body) } catch let error as DatabaseError { throw StoreError.backend(error.description) }
    }
}

extension Machine {
    /// Takes the operator-editable fields of `other` (an import row), keeping state, history and revision.
    mutating func adopt(_ other: Machine) {
        name = other.name
        profile = other.profile
        labels = other.labels
        metadata = other.metadata
        ip = other.ip
    }
}
