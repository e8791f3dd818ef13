import Foundation
import GRDB

/// A `discoveryToken` row. Indexes are stored as SQLite integers (Int64).
struct KeySpaceTokenRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "discoveryToken"

    var id: String
    var size: Int
    var cluster: String?
    var createdAt: Double
    var currentIndex: Int64

    init(_ token: KeySpaceToken) {
        id = token.id
        size = token.size
        cluster = token.cluster
        createdAt = token.createdAt.timeIntervalSince1970
        currentIndex = Int64(token.index)
    }

    var token: KeySpaceToken {
        KeySpaceToken(id: id, size: size, cluster: cluster, createdAt: Date(timeIntervalSince1970: createdAt),
                      index: UInt64(max(currentIndex, 0)))
    }
}

/// A `discoveryKey` row.
struct KeySpaceKeyRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "discoveryKey"

    var token: String
    var name: String
    var value: String
    var createdIndex: Int64
    var modifiedIndex: Int64
    var createdAt: Double

    init(token: String, _ key: KeySpaceKey) {
        self.token = token
        name = key.name
        value = key.value
        createdIndex = Int64(key.createdIndex)
        modifiedIndex = Int64(key.modifiedIndex)
        createdAt = key.createdAt.timeIntervalSince1970
    }

    var key: KeySpaceKey {
        KeySpaceKey(name: name, value: value, createdIndex: UInt64(max(createdIndex, 0)),
                    modifiedIndex: UInt64(max(modifiedIndex, 0)), createdAt: Date(timeIntervalSince1970: createdAt))
    }
}

/// A `discoveryEvent` row: one history entry; `previous…` are set on deletes.
struct KeySpaceEventRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "discoveryEvent"

    var token: String
    var idx: Int64
    var action: String
    var name: String
    var value: String
    var createdIndex: Int64
    var createdAt: Double
    var previousValue: String?
    var previousModifiedIndex: Int64?

    init(token: String, _ event: KeySpaceEvent) {
        self.token = token
        idx = Int64(event.index)
        action = event.action.rawValue
        name = event.key.name
        value = event.key.value
        createdIndex = Int64(event.key.createdIndex)
        createdAt = event.key.createdAt.timeIntervalSince1970
        previousValue = event.previous?.value
        previousModifiedIndex = event.previous.map { Int64($0.modifiedIndex) }
    }

    func event() throws -> KeySpaceEvent {
        guard let kind = KeySpaceEvent.Action(rawValue: action), idx >= 0, createdIndex >= 0 else {
            throw StoreError.backend("corrupt discovery event \(token)@\(idx) ('\(action)')")
        }
        let created = Date(timeIntervalSince1970: createdAt)
        let key = KeySpaceKey(name: name, value: value, createdIndex: UInt64(createdIndex),
                              modifiedIndex: UInt64(idx), createdAt: created)
        let previous = previousValue.map {
            KeySpaceKey(name: name, value: $0, createdIndex: UInt64(createdIndex),
                        modifiedIndex: UInt64(max(previousModifiedIndex ?? createdIndex, 0)), createdAt: created)
        }
        return KeySpaceEvent(action: kind, index: UInt64(idx), key: key, previous: previous)
    }
}
