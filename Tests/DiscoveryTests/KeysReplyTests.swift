import Foundation
import Testing
@testable import Discovery

/// Replies of GET, PUT and DELETE below a token, error shapes included, compared as exact bytes.
@Suite struct KeysReplyTests {
    @Test func creatingAnExistingKeyIs412KeyAlreadyExists() async throws {
        let f = try await ServiceFixture()
        #expect(await f.register("a32b98a3b8f072aa", "m1=http://127.0.0.1:23801").status == 201)
        let reply = await f.register("a32b98a3b8f072aa", "m1=http://127.0.0.1:23801")
        #expect(reply.status == 412)
        #expect(reply.etcdIndex == 3)
        #expect(reply.bodyText == #"{"errorCode":105,"message":"Key already exists","cause":"/tok/a32b98a3b8f072aa","index":3}"# + "\n")
    }

    @Test(arguments: ["/nope", "/nope/_config/size", "/nope/a32b98a3b8f072aa"])
    func anUnknownTokenIs404KeyNotFoundNamingTheToken(path: String) async throws {
        let f = try await ServiceFixture()
        let reply = await f.send("GET", path, query: "quorum=false&recursive=false&sorted=false")
        #expect(reply.status == 404)
        #expect(reply.etcdIndex == 0)
        #expect(reply.bodyText == #"{"errorCode":100,"message":"Key not found","cause":"/nope","index":0}"# + "\n")
    }

    @Test func anUnknownKeyIs404KeyNotFoundWithTheTokensIndex() async throws {
        let f = try await ServiceFixture()
        let reply = await f.send("GET", "/tok/ebe5b17281a712c5")
        #expect(reply.status == 404)
        #expect(reply.etcdIndex == 2)
        #expect(reply.bodyText == #"{"errorCode":100,"message":"Key not found","cause":"/tok/ebe5b17281a712c5","index":2}"# + "\n")
    }

    @Test func aMemberKeyReadsBackWithItsIndexes() async throws {
        let f = try await ServiceFixture()
        await f.register("a32b98a3b8f072aa", "m1=http://127.0.0.1:23801")
        let reply = await f.send("GET", "/tok/a32b98a3b8f072aa", query: "quorum=false&recursive=false&sorted=false")
        #expect(reply.status == 200)
        #expect(reply.etcdIndex == 3)
        #expect(reply.bodyText == #"{"action":"get","node":{"key":"/tok/a32b98a3b8f072aa","value":"m1=http://127.0.0.1:23801","modifiedIndex":3,"createdIndex":3}}"# + "\n")
    }

    @Test func deletingAMemberRepliesWithTheDeleteEventAndPrevNode() async throws {
        let f = try await ServiceFixture()
        await f.register("a32b98a3b8f072aa", "m1=http://127.0.0.1:23801")
        let reply = await f.send("DELETE", "/tok/a32b98a3b8f072aa")
        #expect(reply.status == 200)
        #expect(reply.etcdIndex == 4)
        #expect(reply.bodyText == #"{"action":"delete","node":{"key":"/tok/a32b98a3b8f072aa","modifiedIndex":4,"createdIndex":3},"prevNode":{"key":"/tok/a32b98a3b8f072aa","value":"m1=http://127.0.0.1:23801","modifiedIndex":3,"createdIndex":3}}"# + "\n")
        #expect(await f.send("GET", "/tok/a32b98a3b8f072aa").status == 404)
        #expect(await f.send("DELETE", "/tok/a32b98a3b8f072aa").status == 404)
        #expect(await f.register("a32b98a3b8f072aa", "again").status == 201)
    }

    @Test func configAndTheDirectoryCannotBeDeletedOrOverwritten() async throws {
        let f = try await ServiceFixture()
        let deleteDir = await f.send("DELETE", "/tok")
        #expect(deleteDir.status == 403)
        #expect(deleteDir.bodyText == #"{"errorCode":102,"message":"Not a file","cause":"/tok","index":2}"# + "\n")
        #expect(await f.send("DELETE", "/tok/_config").status == 403)
        #expect(await f.send("DELETE", "/tok/_config/size").status == 403)
        let recreate = await f.send("PUT", "/tok/_config/size", query: "prevExist=false", body: "value=1")
        #expect(recreate.status == 412)
        #expect(recreate.bodyText.contains(#""errorCode":105"#))
        let overwrite = await f.send("PUT", "/tok/_config/size", body: "value=1")
        #expect(overwrite.status == 403)
        #expect(overwrite.bodyText == #"{"errorCode":107,"message":"Root is read only","cause":"/tok/_config/size","index":2}"# + "\n")
        #expect(await f.send("PUT", "/tok/a/b", query: "prevExist=false", body: "value=1").status == 403)
        #expect(await f.send("GET", "/tok/_config/size").bodyText.contains(#""value":"3""#))
    }

    @Test func aPutThatIsNotACreateIsRefusedAsAnInvalidField() async throws {
        let f = try await ServiceFixture()
        let reply = await f.send("PUT", "/tok/a32b98a3b8f072aa", body: "value=x")
        #expect(reply.status == 400)
        #expect(reply.bodyText == #"{"errorCode":209,"message":"Invalid field","cause":"only create (prevExist=false) is supported","index":0}"# + "\n")
        #expect(await f.send("GET", "/tok/a32b98a3b8f072aa").status == 404)
    }

    @Test func configIsADirectoryHoldingSize() async throws {
        let f = try await ServiceFixture()
        let reply = await f.send("GET", "/tok/_config")
        #expect(reply.bodyText == #"{"action":"get","node":{"key":"/tok/_config","dir":true,"nodes":[{"key":"/tok/_config/size","value":"3","modifiedIndex":2,"createdIndex":2}],"modifiedIndex":2,"createdIndex":2}}"# + "\n")
    }

    @Test func aRecursiveSortedListingIncludesConfigChildrenAndSortsByKey() async throws {
        let f = try await ServiceFixture()
        await f.register("ff", "m1=http://a:2380")
        await f.register("00", "m2=http://b:2380")
        let reply = await f.send("GET", "/tok", query: "recursive=true&sorted=true")
        #expect(reply.bodyText == #"{"action":"get","node":{"key":"/tok","dir":true,"nodes":[{"key":"/tok/00","value":"m2=http://b:2380","modifiedIndex":4,"createdIndex":4},{"key":"/tok/_config","dir":true,"nodes":[{"key":"/tok/_config/size","value":"3","modifiedIndex":2,"createdIndex":2}],"modifiedIndex":2,"createdIndex":2},{"key":"/tok/ff","value":"m1=http://a:2380","modifiedIndex":3,"createdIndex":3}],"modifiedIndex":2,"createdIndex":2}}"# + "\n")
        let unsorted = await f.send("GET", "/tok/")
        #expect(unsorted.bodyText.range(of: "/tok/ff")!.lowerBound < unsorted.bodyText.range(of: "/tok/00")!.lowerBound)
    }

    @Test func valuesAreEscapedTheWayGoEscapesThem() async throws {
        let f = try await ServiceFixture()
        await f.register("x", "a<b>&\"c\"\\\n\u{1}")
        let reply = await f.send("GET", "/tok/x")
        #expect(reply.bodyText.contains(#""value":"a\u003cb\u003e\u0026\"c\"\\\n\u0001""#))
    }

    @Test func otherMethodsAreNotAllowed() async throws {
        let f = try await ServiceFixture()
        #expect(await f.send("POST", "/tok").status == 405)
        #expect(await f.send("PATCH", "/tok/x").status == 405)
        #expect(await f.send("DELETE", "/new").status == 405)
        #expect(await f.send("GET", "/").status == 404)
    }
}
