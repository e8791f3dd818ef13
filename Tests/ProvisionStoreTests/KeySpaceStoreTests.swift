import Foundation
import Testing
@testable import ProvisionStore

/// The discovery key space on SQLite: per-token indexes, create-if-absent, history, expiry, restarts.
@Suite struct KeySpaceStoreTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func aNewTokenStartsAtIndexTwoAndIdsAndClusterNamesAreUnique() async throws {
        let store = try SQLiteStore(path: ":memory:")
        let token = try await store.createToken("t1", size: 3, cluster: "prod", at: now)
        #expect(token == KeySpaceToken(id: "t1", size: 3, cluster: "prod", createdAt: now, index: 2))
        #expect(try await store.token("t1") == token)
        #expect(try await store.token(forCluster: "prod") == token)
        await #expect(throws: StoreError.alreadyExists("discovery token t1")) {
            try await store.createToken("t1", size: 3, cluster: nil, at: now)
        }
        await #expect(throws: StoreError.alreadyExists("discovery cluster prod")) {
            try await store.createToken("t2", size: 3, cluster: "prod", at: now)
        }
        _ = try await store.createToken("t3", size: 1, cluster: nil, at: now)
        _ = try await store.createToken("t4", size: 1, cluster: nil, at: now)
        #expect(try await store.tokens().map(\.id) == ["t1", "t3", "t4"])
    }

    @Test func eachWriteTakesTheTokensNextIndexAndExistingKeysAreRefused() async throws {
        let store = try SQLiteStore(path: ":memory:")
        _ = try await store.createToken("t", size: 3, cluster: nil, at: now)
        _ = try await store.createToken("other", size: 3, cluster: nil, at: now)
        let b = try await store.createKey("b", value: "m1=http://a:2380", in: "t", at: now)
        let a = try await store.createKey("a", value: "m2=http://b:2380", in: "t", at: now)
        #expect((b.index, a.index) == (3, 4))
        #expect(try await store.createKey("x", value: "", in: "other", at: now).index == 3)
        await #expect(throws: StoreError.alreadyExists("/t/a")) { try await store.createKey("a", value: "again", in: "t", at: now) }
        await #expect(throws: StoreError.notFound("discovery token nope")) { try await store.createKey("a", value: "", in: "nope", at: now) }
        let listing = try #require(try await store.listing("t"))
        #expect(listing.token.index == 4)
        #expect(listing.keys.map(\.name) == ["b", "a"])
        #expect(listing.key("a")?.value == "m2=http://b:2380")
    }

    @Test func deletesAreHistoryEventsCarryingThePreviousNode() async throws {
        let store = try SQLiteStore(path: ":memory:")
        _ = try await store.createToken("t", size: 3, cluster: nil, at: now)
        let created = try await store.createKey("a", value: "v", in: "t", at: now)
        let deleted = try await store.deleteKey("a", in: "t")
        #expect(deleted.action == .delete && deleted.index == 4)
        #expect(deleted.key == KeySpaceKey(name: "a", value: "", createdIndex: 3, modifiedIndex: 4, createdAt: now))
        #expect(deleted.previous == created.key)
        await #expect(throws: StoreError.notFound("/t/a")) { try await store.deleteKey("a", in: "t") }
        #expect(try await store.events(in: "t", from: 0) == [created, deleted])
        #expect(try await store.events(in: "t", from: 4) == [deleted])
        #expect(try await store.events(in: "t", from: 5).isEmpty)
        #expect(try await store.listing("t")?.keys.isEmpty == true)
    }

    @Test func deletingATokenTakesItsKeysHistoryAndClusterWithIt() async throws {
        let store = try SQLiteStore(path: ":memory:")
        _ = try await store.createToken("t", size: 3, cluster: "prod", at: now)
        _ = try await store.createKey("a", value: "v", in: "t", at: now)
        try await store.deleteToken("t")
        #expect(try await store.listing("t") == nil)
        #expect(try await store.events(in: "t", from: 0).isEmpty)
        #expect(try await store.token(forCluster: "prod") == nil)
        await #expect(throws: StoreError.notFound("discovery token t")) { try await store.deleteToken("t") }
        let again = try await store.createToken("t", size: 3, cluster: "prod", at: now)
        #expect(again.index == 2)
        #expect(try await store.createKey("a", value: "v", in: "t", at: now).index == 3)
    }

    @Test func expiryDeletesOnlyOldTokensWithoutACluster() async throws {
        let store = try SQLiteStore(path: ":memory:")
        _ = try await store.createToken("old", size: 3, cluster: nil, at: now)
        _ = try await store.createToken("oldcluster", size: 3, cluster: "prod", at: now)
        _ = try await store.createToken("new", size: 3, cluster: nil, at: now.addingTimeInterval(100))
        _ = try await store.createKey("a", value: "v", in: "old", at: now)
        #expect(try await store.deleteTokens(createdBefore: now.addingTimeInterval(50)) == ["old"])
        #expect(try await store.tokens().map(\.id).sorted() == ["new", "oldcluster"])
        #expect(try await store.events(in: "old", from: 0).isEmpty)
    }

    @Test func concurrentRegistrationsGetDistinctGaplessIndexes() async throws {
        let store = try SQLiteStore(path: ":memory:")
        _ = try await store.createToken("t", size: 99, cluster: nil, at: now)
        let indexes = try await withThrowingTaskGroup(of: UInt64.self) { group in
            for n in 0..<50 {
                group.addTask { try await store.createKey("m\(n)", value: "m\(n)=http://h:\(n)", in: "t", at: Date()).index }
            }
            return try await group.reduce(into: [UInt64]()) { $0.append($1) }
        }
        #expect(indexes.sorted() == Array(3...52))
        #expect(try await store.token("t")?.index == 52)
    }

    @Test func tokensKeysAndIndexesSurviveReopeningTheDatabase() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("keyspace-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("provision.sqlite").path
        do {
            let store = try SQLiteStore(path: path)
            _ = try await store.createToken("t", size: 3, cluster: "prod", at: now)
            _ = try await store.createKey("a", value: "m1=http://a:2380", in: "t", at: now)
            _ = try await store.createKey("b", value: "m2=http://b:2380", in: "t", at: now)
            _ = try await store.deleteKey("a", in: "t")
        }
        let reopened = try SQLiteStore(path: path)
        let listing = try #require(try await reopened.listing("t"))
        #expect(listing.token == KeySpaceToken(id: "t", size: 3, cluster: "prod", createdAt: now, index: 5))
        #expect(listing.keys.map(\.name) == ["b"])
        #expect(try await reopened.events(in: "t", from: 0).map(\.index) == [3, 4, 5])
        #expect(try await reopened.createKey("c", value: "m3=http://c:2380", in: "t", at: now).index == 6)
    }
}
