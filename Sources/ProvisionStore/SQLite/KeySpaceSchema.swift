import GRDB

/// Tables of the discovery key space (migration `v2-discovery`). Keys and history go with their token.
enum KeySpaceSchema {
    static func create(in db: Database) throws {
        try db.create(table: "discoveryToken") { t in
            t.primaryKey("id", .text)
            t.column("size", .integer).notNull()
            t.column("cluster", .text).unique()
            t.column("createdAt", .double).notNull().indexed()
            t.column("currentIndex", .integer).notNull()
        }
        try db.create(table: "discoveryKey") { t in
            t.column("token", .text).notNull().references("discoveryToken", onDelete: .cascade)
            t.column("name", .text).notNull()
            t.column("value", .text).notNull()
            t.column("createdIndex", .integer).notNull()
            t.column("modifiedIndex", .integer).notNull()
            t.column("createdAt", .double).notNull()
            t.primaryKey(["token", "name"])
        }
        try db.create(table: "discoveryEvent") { t in
            t.column("token", .text).notNull().references("discoveryToken", onDelete: .cascade)
            t.column("idx", .integer).notNull()
            t.column("action", .text).notNull()
            t.column("name", .text).notNull()
            t.column("value", .text).notNull()
            t.column("createdIndex", .integer).notNull()
            t.column("createdAt", .double).notNull()
            t.column("previousValue", .text)
            t.column("previousModifiedIndex", .integer)
            t.primaryKey(["token", "idx"])
        }
    }
}
