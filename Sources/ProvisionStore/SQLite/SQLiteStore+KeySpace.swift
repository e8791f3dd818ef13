import Foundation
import GRDB

/// The discovery key space in SQLite: each write is one transaction that touches the key, appends the
/// history event and advances the token's `currentIndex` together.
extension SQLiteStore: KeySpaceStore {
    public func createToken(_ id: String, size: Int, cluster: String?, at date: Date) async throws -> KeySpaceToken {
        let token = KeySpaceToken(id: id, size: size, cluster: cluster, createdAt: date)
        return try await write { db in
            do {
                try KeySpaceTokenRow(token).insert(db)
            } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_PRIMARYKEY {
                throw StoreError.alreadyExists("discovery token \(id)")
            } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
                throw StoreError.alreadyExists("discovery cluster \(cluster ?? "")")
            }
            return token
        }
    }

    public func token(_ id: String) async throws -> KeySpaceToken? {
        try await read { db in try KeySpaceTokenRow.fetchOne(db, key: id)?.token }
    }

    public func listing(_ id: String) async throws -> KeySpaceListing? {
        try await read { db in
            guard let token = try KeySpaceTokenRow.fetchOne(db, key: id)?.token else { return nil }
            let keys = try KeySpaceKeyRow.filter(Column("token") == id).order(Column("createdIndex")).fetchAll(db)
            return KeySpaceListing(token: token, keys: keys.map(\.key))
        }
    }

    public func tokens() async throws -> [KeySpaceToken] {
        try await read { db in try KeySpaceTokenRow.order(Column("createdAt"), Column("id")).fetchAll(db).map(\.token) }
    }

    public func createKey(_ name: String, value: String, in id: String, at date: Date) async throws -> KeySpaceEvent {
        try await write { db in
            var token = try Self.existingToken(id, in: db)
            if try KeySpaceKeyRow.fetchOne(db, key: ["token": id, "name": name]) != nil {
                throw StoreError.alreadyExists("/\(id)/\(name)")
            }
            token.index += 1
            let key = KeySpaceKey(name: name, value: value, createdIndex: token.index, modifiedIndex: token.index, createdAt: date)
            let event = KeySpaceEvent(action: .create, index: token.index, key: key)
            try Self.record(event, advancing: token, in: db)
            try KeySpaceKeyRow(token: id, key).insert(db)
            return event
        }
    }

    public func deleteKey(_ name: String, in id: String) async throws -> KeySpaceEvent {
        try await write { db in
            var token = try Self.existingToken(id, in: db)
            guard let previous = try KeySpaceKeyRow.fetchOne(db, key: ["token": id, "name": name])?.key else {
                throw StoreError.notFound("/\(id)/\(name)")
            }
            token.index += 1
            var key = previous
            key.value = ""
            key.modifiedIndex = token.index
            let event = KeySpaceEvent(action: .delete, index: token.index, key: key, previous: previous)
            try Self.record(event, advancing: token, in: db)
            _ = try KeySpaceKeyRow.deleteOne(db, key: ["token": id, "name": name])
            return event
        }
    }

    public func events(in id: String, from index: UInt64) async throws -> [KeySpaceEvent] {
        let from = Int64(clamping: index)
        return try await read { db in
            try KeySpaceEventRow.filter(Column("token") == id && Column("idx") >= from)
                .order(Column("idx")).fetchAll(db).map { try $0.event() }
        }
    }

    public func deleteToken(_ id: String) async throws {
        try await write { db in
            guard try KeySpaceTokenRow.deleteOne(db, key: id) else { throw StoreError.notFound("discovery token \(id)") }
        }
    }

    public func deleteTokens(createdBefore date: Date) async throws -> [String] {
        let cutoff = date.timeIntervalSince1970
        return try await write { db in
            let expired = KeySpaceTokenRow.filter(Column("cluster") == nil && Column("createdAt") < cutoff)
            let ids = try String.fetchAll(db, expired.select(Column("id")))
            try expired.deleteAll(db)
            return ids
        }
    }

    public func token(forCluster name: String) async throws -> KeySpaceToken? {
        try await read { db in try KeySpaceTokenRow.filter(Column("cluster") == name).fetchOne(db)?.token }
    }

    // MARK: - Plumbing

    private static func existingToken(_ id: String, in db: Database) throws -> KeySpaceToken {
        guard let token = try KeySpaceTokenRow.fetchOne(db, key: id)?.token else {
            throw StoreError.notFound("discovery token \(id)")
        }
        return token
    }

    /// Appends the event and stores the token's new index (both inside the caller's transaction).
    private static func record(_ event: KeySpaceEvent, advancing token: KeySpaceToken, in db: Database) throws {
        try KeySpaceEventRow(token: token.id, event).insert(db)
        try db.execute(sql: "UPDATE discoveryToken SET currentIndex = ? WHERE id = ?",
                       arguments: [Int64(token.index), token.id])
    }
}
