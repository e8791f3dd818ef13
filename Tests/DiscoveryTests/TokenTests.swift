import Foundation
import ProvisionStore
import Testing
@testable import Discovery

/// `/new`, operator tokens, profile clusters and expiry.
@Suite struct TokenTests {
    @Test(arguments: ["GET", "POST"])
    func newTokenReplies201WithTheURLBuiltFromThePublicURL(method: String) async throws {
        let f = try await ServiceFixture()
        let reply = await f.service.respond(to: DiscoveryRequest(method: method, path: "/new", query: ["size": "5"]),
                                            publicURL: "http://boot.example:8080/")
        #expect(reply.status == 201)
        #expect(reply.contentType.hasPrefix("text/plain"))
        let prefix = "http://boot.example:8080/discovery/"
        #expect(reply.bodyText.hasPrefix(prefix))
        let token = String(reply.bodyText.dropFirst(prefix.count))
        #expect(TokenGenerator.isWellFormed(token))
        #expect(await f.send("GET", "/\(token)/_config/size").bodyText.contains(#""value":"5""#))
        #expect(await f.send("GET", "/\(token)").etcdIndex == 2)
    }

    @Test func newTokenWithoutSizeGetsThree() async throws {
        let f = try await ServiceFixture()
        let url = await f.send("GET", "/new").bodyText
        let token = try #require(url.split(separator: "/").last)
        #expect(await f.send("GET", "/\(token)/_config/size").bodyText.contains(#""value":"3""#))
    }

    @Test(arguments: ["0", "100", "-1", "abc", "3.5", "", "99999999999999999999"])
    func newTokenRejectsASizeOutside1To99WithAReason(size: String) async throws {
        let f = try await ServiceFixture()
        let reply = await f.send("GET", "/new", query: "size=\(size)")
        #expect(reply.status == 400)
        #expect(reply.bodyText == "size must be a whole number from 1 to 99, got '\(size)'\n")
        #expect(try await f.store.tokens().count == 1)
    }

    @Test(arguments: [1, 99])
    func newTokenAcceptsTheBoundarySizes(size: Int) async throws {
        let f = try await ServiceFixture()
        #expect(await f.send("POST", "/new", query: "size=\(size)").status == 201)
    }

    @Test func generatedTokensAre32LowercaseHexAndDistinct() {
        let tokens = (0..<1000).map { _ in TokenGenerator.make() }
        #expect(tokens.allSatisfy(TokenGenerator.isWellFormed))
        #expect(Set(tokens).count == tokens.count)
    }

    @Test func aClusterGetsOneTokenEvenWhenRenderedConcurrently() async throws {
        let f = try await ServiceFixture()
        let urls = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<20 {
                group.addTask { try await f.service.clusterURL(cluster: "prod-etcd", size: 3, publicURL: "http://10.0.0.1:8080") }
            }
            return try await group.reduce(into: Set<String>()) { $0.insert($1) }
        }
        #expect(urls.count == 1)
        let again = try await f.service.clusterURL(cluster: "prod-etcd", size: 3, publicURL: "http://10.0.0.1:8080")
        #expect(urls == [again])
        #expect(again.hasPrefix("http://10.0.0.1:8080/discovery/"))
        let other = try await f.service.clusterURL(cluster: "staging", size: 1, publicURL: "http://10.0.0.1:8080")
        #expect(other != again)
    }

    /// The cluster's URL is answered from memory after the first call; removing its token must not leave that
    /// memory pointing at a dead token: the next call makes a new one.
    @Test func removingAClusterTokenGivesTheClusterANewOne() async throws {
        let f = try await ServiceFixture()
        let first = try await f.service.clusterURL(cluster: "prod-etcd", size: 3, publicURL: "http://h")
        #expect(try await f.service.clusterURL(cluster: "prod-etcd", size: 3, publicURL: "http://h") == first)
        try await f.service.removeToken(String(first.split(separator: "/").last ?? ""))
        let second = try await f.service.clusterURL(cluster: "prod-etcd", size: 3, publicURL: "http://h")
        #expect(second != first)
        #expect(await f.send("GET", "/\(second.split(separator: "/").last ?? "")/_config/size").status == 200)
    }

    @Test func aNamedTokenBindsItsClusterAndASecondOneIsRefused() async throws {
        let f = try await ServiceFixture()
        let token = try await f.service.createToken(size: 5, cluster: "cluster-a")
        #expect(try await f.service.clusterURL(cluster: "cluster-a", size: 5, publicURL: "http://h") == "http://h/discovery/\(token.id)")
        await #expect(throws: DiscoveryError.clusterTaken("cluster-a")) { try await f.service.createToken(cluster: "cluster-a") }
        await #expect(throws: DiscoveryError.invalidClusterName("a b")) { try await f.service.createToken(cluster: "a b") }
        await #expect(throws: DiscoveryError.invalidSize("0")) { try await f.service.createToken(size: 0) }
    }

    @Test func tokenInfoListsMembersWithNamesPeerURLsAndRegistrationTimes() async throws {
        let f = try await ServiceFixture()
        await f.register("a32b98a3b8f072aa", "m1=http://127.0.0.1:23801")
        await f.register("ebe5b17281a712c5", "m2=http://10.0.0.2:2380,m2=http://[fd00::2]:2380")
        let info = try await f.service.tokenInfo("tok", publicURL: "http://h:8080")
        #expect(info.url == "http://h:8080/discovery/tok")
        #expect(info.size == 3 && info.index == 4 && info.cluster == nil)
        #expect(info.members.map(\.id) == ["a32b98a3b8f072aa", "ebe5b17281a712c5"])
        #expect(info.members.map(\.name) == ["m1", "m2"])
        #expect(info.members[1].peerURLs == ["http://10.0.0.2:2380", "http://[fd00::2]:2380"])
        #expect(abs(info.members[0].registeredAt.timeIntervalSinceNow) < 60)
        let expiresAt = try #require(info.expiresAt)
        #expect(abs(expiresAt.timeIntervalSince(info.createdAt) - 7 * 24 * 3600) < 1)
    }

    @Test func removingATokenMakesItUnknown() async throws {
        let f = try await ServiceFixture()
        try await f.service.removeToken("tok")
        #expect(await f.send("GET", "/tok/_config/size").status == 404)
        await #expect(throws: DiscoveryError.tokenNotFound("tok")) { try await f.service.removeToken("tok") }
        await #expect(throws: DiscoveryError.tokenNotFound("tok")) { try await f.service.tokenInfo("tok", publicURL: "http://h") }
    }

    @Test func expiryRemovesOldUnnamedTokensAndKeepsClusterTokens() async throws {
        let f = try await ServiceFixture(tokenLifetime: .seconds(7 * 24 * 3600))
        let clusterURL = try await f.service.clusterURL(cluster: "prod", size: 3, publicURL: "http://h")
        #expect(try await f.service.collectExpiredTokens(now: Date().addingTimeInterval(6 * 24 * 3600)).isEmpty)
        let removed = try await f.service.collectExpiredTokens(now: Date().addingTimeInterval(8 * 24 * 3600))
        #expect(removed == ["tok"])
        #expect(await f.send("GET", "/tok").status == 404)
        #expect(try await f.service.clusterURL(cluster: "prod", size: 3, publicURL: "http://h") == clusterURL)
    }
}
