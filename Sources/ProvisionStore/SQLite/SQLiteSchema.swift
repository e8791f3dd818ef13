import GRDB

/// Schema migrations, applied in order on open. Append; never edit a shipped migration.
enum SQLiteSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-machines") { db in
            try db.create(table: "machine") { t in
                t.primaryKey("mac", .text)
                t.column("name", .text).indexed()
                t.column("profile", .text)
                t.column("labels", .text).notNull()
                t.column("metadata", .text).notNull()
                t.column("ip", .text)
                t.column("state", .text).notNull().indexed()
                t.column("stateReason", .text)
                t.column("stateChangedAt", .double).notNull()
                t.column("createdAt", .double).notNull()
                t.column("updatedAt", .double).notNull()
                t.column("installToken", .text)
                t.column("revision", .integer).notNull()
            }
            try db.create(table: "event") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("mac", .text).notNull().indexed()
                t.column("at", .double).notNull()
                t.column("kind", .text).notNull()
                t.column("message", .text)
                t.column("bytes", .integer)
                t.column("rate", .double)
            }
        }
        migrator.registerMigration("v2-discovery") { db in
            try KeySpaceSchema.create(in: db)
        }
        migrator.registerMigration("v3-leases") { db in
            try LeaseRow.createTable(in: db)
        }
        return migrator
    }
}
