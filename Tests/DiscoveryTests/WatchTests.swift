import Foundation
import Testing
@testable import Discovery

/// `?wait=true` long-polls: replay from history, wake on writes, end empty at the timeout.
@Suite struct WatchTests {
    @Test func aParkedRecursiveWatchWakesOnTheNextRegistration() async throws {
        let f = try await ServiceFixture()
        await f.register("a", "m1=http://a:2380")
        let watch = try await f.startWatch("/tok", query: "recursive=true&wait=true&waitIndex=4")
        await f.register("b", "m2=http://b:2380")
        let reply = await watch.value
        #expect(reply.status == 200)
        #expect(reply.etcdIndex == 3)
        #expect(reply.bodyText == #"{"action":"create","node":{"key":"/tok/b","value":"m2=http://b:2380","modifiedIndex":4,"createdIndex":4}}"# + "\n")
        #expect(await f.service.openWatches == 0)
    }

    @Test func aWatchForAnIndexThatAlreadyHappenedReplaysHistory() async throws {
        let f = try await ServiceFixture()
        await f.register("a", "m1=http://a:2380")
        await f.register("b", "m2=http://b:2380")
        await f.send("DELETE", "/tok/a")
        let first = await f.send("GET", "/tok", query: "recursive=true&wait=true&waitIndex=3")
        #expect(first.etcdIndex == 5)
        #expect(first.bodyText.contains(#""key":"/tok/a""#) && first.bodyText.contains(#""action":"create""#))
        let deleted = await f.send("GET", "/tok/a", query: "wait=true&waitIndex=4")
        #expect(deleted.bodyText == #"{"action":"delete","node":{"key":"/tok/a","modifiedIndex":5,"createdIndex":3},"prevNode":{"key":"/tok/a","value":"m1=http://a:2380","modifiedIndex":3,"createdIndex":3}}"# + "\n")
    }

    @Test func aWatchWithoutChangesEndsWithAnEmpty200AtTheTimeout() async throws {
        let f = try await ServiceFixture(watchTimeout: .milliseconds(150))
        let reply = await f.send("GET", "/tok", query: "recursive=true&wait=true&waitIndex=3")
        #expect(reply.status == 200)
        #expect(reply.etcdIndex == 2)
        #expect(reply.body.isEmpty)
        #expect(await f.service.openWatches == 0)
    }

    @Test func aKeyWatchIgnoresOtherKeysAndANonRecursiveDirectoryWatchIgnoresChildren() async throws {
        let f = try await ServiceFixture()
        let keyWatch = try await f.startWatch("/tok/b", query: "wait=true&waitIndex=3")
        let dirWatch = try await f.startWatch("/tok", query: "wait=true&waitIndex=3")
        await f.register("a", "m1=http://a:2380")
        await f.register("b", "m2=http://b:2380")
        #expect(await keyWatch.value.bodyText.contains(#""key":"/tok/b""#))
        #expect(await f.service.openWatches == 1)
        await f.service.closeWatches()
        #expect(await dirWatch.value.body.isEmpty)
    }

    @Test func aWatchWithoutWaitIndexWaitsForTheNextWriteOnly() async throws {
        let f = try await ServiceFixture()
        await f.register("a", "m1=http://a:2380")
        let watch = try await f.startWatch("/tok", query: "recursive=true&wait=true")
        await f.register("b", "m2=http://b:2380")
        #expect(await watch.value.bodyText.contains(#""key":"/tok/b""#))
    }

    @Test func aNonNumericWaitIndexIs400IndexNaN() async throws {
        let f = try await ServiceFixture()
        let reply = await f.send("GET", "/tok", query: "wait=true&waitIndex=abc")
        #expect(reply.status == 400)
        #expect(reply.bodyText == #"{"errorCode":203,"message":"The given index in POST form is not a number","cause":"invalid value for waitIndex","index":0}"# + "\n")
    }

    @Test func aWatchOnAnUnknownTokenIs404() async throws {
        let f = try await ServiceFixture()
        #expect(await f.send("GET", "/nope", query: "wait=true&recursive=true").status == 404)
    }

    @Test func cancellingTheRequestEndsItsWatch() async throws {
        let f = try await ServiceFixture()
        let watch = try await f.startWatch("/tok", query: "recursive=true&wait=true")
        watch.cancel()
        #expect(await watch.value.body.isEmpty)
        #expect(await f.service.openWatches == 0)
    }

    @Test func removingTheTokenAndClosingWatchesEndOpenLongPolls() async throws {
        let f = try await ServiceFixture()
        let onToken = try await f.startWatch("/tok", query: "recursive=true&wait=true")
        try await f.service.removeToken("tok")
        #expect(await onToken.value.body.isEmpty)
        _ = try await f.store.createToken("tok2", size: 3, cluster: nil, at: Date())
        let other = try await f.startWatch("/tok2", query: "recursive=true&wait=true")
        await f.service.closeWatches()
        #expect(await other.value.body.isEmpty)
        #expect(await f.send("GET", "/tok2", query: "recursive=true&wait=true").body.isEmpty)
        await f.register("a", "m1=http://a:2380", token: "tok2")
        #expect(await f.send("GET", "/tok2", query: "recursive=true&wait=true&waitIndex=3").bodyText.contains(#""key":"/tok2/a""#))
    }

    @Test func tenThousandOpenWatchesAreAllWokenByOneWrite() async throws {
        let f = try await ServiceFixture()
        let count = 10_000
        let replies = Task {
            await withTaskGroup(of: Bool.self) { group in
                for _ in 0..<count {
                    group.addTask {
                        let reply = await f.send("GET", "/tok", query: "recursive=true&wait=true&waitIndex=3")
                        return reply.bodyText.contains(#""key":"/tok/a""#)
                    }
                }
                return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
        }
        try await waitUntil(timeout: .seconds(60)) { await f.service.openWatches == count }
        await f.register("a", "m1=http://a:2380")
        #expect(await replies.value == count)
        #expect(await f.service.openWatches == 0)
    }
}
