import Foundation
import Testing
import TestSupport

/// Real etcd 3.4 members bootstrapping through `provision serve`'s discovery service.
@Suite(.serialized, .disabled(if: TestEnvironment.missingTools("etcd", "etcdctl", "curl") != nil))
struct DiscoveryEndToEndTests {
    @Test func threeMembersFormOneClusterAndAFourthIsTurnedAway() async throws {
        try await withTeardown { teardown in
            let server = try await ProvisionServer()
            await teardown.add { await server.shutdown() }
            let url = try await newToken(server, size: 3)
            var members: [EtcdMember] = []
            for n in 1...3 { members.append(try await started(EtcdMember(name: "m\(n)", discovery: url), teardown)) }
            try await waitForCluster(of: 3, members)

            _ = try await members[0].etcdctl(["put", "greeting", "hello from m1"])
            #expect(try await members[2].etcdctl(["get", "greeting", "--print-value-only"]) == "hello from m1\n")
            let shown = try await server.cli(["token", "show", url])
            #expect(shown.stdout.contains("members  3 of 3"), "\(shown)")
            for member in members { #expect(shown.stdout.contains(member.peerURL)) }

            let fourth = try await started(EtcdMember(name: "m4", discovery: url, extraArguments: ["--discovery-fallback", "exit"]), teardown)
            let status = await fourth.process.wait(timeout: .seconds(30))
            #expect(status != nil && status != 0)
            #expect(fourth.log.contains("cluster is full"), "\(fourth.log.suffix(600))")
        }
    }

    @Test func aMemberOnAnUnknownTokenExitsWithKeyNotFound() async throws {
        try await withTeardown { teardown in
            let server = try await ProvisionServer()
            await teardown.add { await server.shutdown() }
            let member = try await started(EtcdMember(name: "lost", discovery: server.url + "/discovery/" + String(repeating: "0", count: 32)), teardown)
            let status = await member.process.wait(timeout: .seconds(30))
            #expect(status != nil && status != 0)
            #expect(member.log.contains("Key not found"), "\(member.log.suffix(600))")
        }
    }

    @Test func reRegisteringAnExistingMemberIdIsADuplicate() async throws {
        try await withTeardown { teardown in
            let server = try await ProvisionServer()
            await teardown.add { await server.shutdown() }
            let url = try await newToken(server, size: 3)
            let first = try await started(EtcdMember(name: "m1", discovery: url), teardown)
            try await waitForRegistrations(1, url, server)
            await first.stop()
            // Same name and peer URL (so the same member id), fresh data dir: etcd's "lost data dir" case.
            let again = try await started(EtcdMember(name: "m1", discovery: url, peerPort: first.peerPort), teardown)
            let status = await again.process.wait(timeout: .seconds(30))
            #expect(status != nil && status != 0)
            // etcd reports ErrDuplicateID (our 412 errorCode 105) this way:
            #expect(again.log.contains("has previously registered with discovery service token"), "\(again.log.suffix(600))")
        }
    }

    @Test func restartingTheServerMidBootstrapDoesNotBreakIt() async throws {
        try await withTeardown { teardown in
            let server = try await ProvisionServer()
            await teardown.add { await server.shutdown() }
            let url = try await newToken(server, size: 3)
            var members = [try await started(EtcdMember(name: "m1", discovery: url), teardown)]
            try await waitForRegistrations(1, url, server)
            try await server.restart()
            members.append(try await started(EtcdMember(name: "m2", discovery: url), teardown))
            members.append(try await started(EtcdMember(name: "m3", discovery: url), teardown))
            try await waitForCluster(of: 3, members)
            let shown = try await server.cli(["token", "show", "--json", url])
            #expect(shown.stdout.contains(#""index":5"#), "\(shown)")
        }
    }

    @Test func tokenCommandsCreateShowListAndRemove() async throws {
        try await withTeardown { teardown in
            let server = try await ProvisionServer()
            await teardown.add { await server.shutdown() }
            let created = try await server.cli(["token", "new", "--size", "5", "--name", "cluster-a", "--json"])
            #expect(created.status == 0, "\(created)")
            #expect(created.stdout.contains(#""cluster":"cluster-a""#) && created.stdout.contains(#""size":5"#))
            let url = try await newToken(server, size: 1)
            let token = String(url.split(separator: "/").last ?? "")
            #expect(try await server.cli(["token", "list"]).stdout.contains(token))
            let shown = try await server.cli(["token", "show", token])
            #expect(shown.stdout.contains("size     1") && shown.stdout.contains("members  0 of 1"), "\(shown)")
            #expect(try await server.cli(["token", "rm", token]).stdout == "removed \(token)\n")
            let gone = try await server.cli(["token", "show", token])
            #expect(gone.status != 0 && gone.stderr.contains("not found"), "\(gone)")
            let taken = try await server.cli(["token", "new", "--name", "cluster-a"])
            #expect(taken.status != 0 && taken.stderr.contains("already has a discovery token"), "\(taken)")
            let tooBig = try await server.cli(["token", "new", "--size", "100"])
            #expect(tooBig.status != 0 && tooBig.stderr.contains("1 to 99"), "\(tooBig)")
        }
    }

    @Test func newTokenURLsComeFromThePublicURLNotTheHostHeader() async throws {
        try await withTeardown { teardown in
            let server = try await ProvisionServer(extraArguments: ["--public-url", "http://boot.example:8080/"])
            await teardown.add { await server.shutdown() }
            let reply = try await Tool.run("curl", ["-s", "-i", "-H", "Host: evil.example", server.url + "/discovery/new?size=3"])
            #expect(reply.stdout.hasPrefix("HTTP/1.1 201"))
            #expect(reply.stdout.contains("\r\n\r\nhttp://boot.example:8080/discovery/"), "\(reply.stdout)")
            let bad = try await Tool.run("curl", ["-s", "-i", server.url + "/discovery/new?size=0"])
            #expect(bad.stdout.hasPrefix("HTTP/1.1 400") && bad.stdout.contains("size must be a whole number from 1 to 99, got '0'"))
        }
    }

    @Test func membersOfAProfileClusterGetOneByteIdenticalDiscoveryURL() async throws {
        try await withTeardown { teardown in
            let server = try await ProvisionServer()
            await teardown.add { await server.shutdown() }
            _ = try await server.cli(["machine", "add", "52:54:00:00:00:01", "--name", "e1", "--profile", "etcd-member"])
            _ = try await server.cli(["machine", "add", "52:54:00:00:00:02", "--name", "e2", "--profile", "etcd-member"])
            let first = try await discoveryLine(server, "52:54:00:00:00:01")
            #expect(first.hasPrefix("discovery: \(server.url)/discovery/"), "\(first)")
            #expect(try await discoveryLine(server, "52:54:00:00:00:02") == first)
            try await server.restart()
            #expect(try await discoveryLine(server, "52:54:00:00:00:01") == first)
            let shown = try await server.cli(["token", "show", String(first.dropFirst("discovery: ".count))])
            #expect(shown.stdout.contains("cluster  etcd") && shown.stdout.contains("size     3"), "\(shown)")
        }
    }

    // MARK: - Helpers

    /// The `discovery:` line of the machine's rendered cloud-config.
    func discoveryLine(_ server: ProvisionServer, _ mac: String) async throws -> String {
        let config = try await HTTP.get(server.url + "/cloud-config?mac=" + mac).body
        return config.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .first { $0.hasPrefix("discovery:") } ?? ""
    }

    /// Registers the member's stop (and data dir removal) with the test's teardown.
    func started(_ member: EtcdMember, _ teardown: Teardown) async -> EtcdMember {
        await teardown.add { await member.stop() }
        return member
    }

    /// `provision token new` through the CLI; returns the discovery URL.
    func newToken(_ server: ProvisionServer, size: Int) async throws -> String {
        let result = try await server.cli(["token", "new", "--size", String(size)])
        guard result.status == 0 else { throw ToolError.failed("provision token new", result.status, result.stderr) }
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func waitForRegistrations(_ count: Int, _ url: String, _ server: ProvisionServer) async throws {
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            if try await server.cli(["token", "show", url]).stdout.contains("members  \(count) of") { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw ToolError.failed("waiting for \(count) registration(s)", -1, server.serverLog.suffix(2000).description)
    }

    func waitForCluster(of size: Int, _ members: [EtcdMember]) async throws {
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            if await members[0].startedMembers().count == size { return }
            try await Task.sleep(for: .milliseconds(250))
        }
        throw ToolError.failed("etcd cluster of \(size)", -1, members.map { "\($0.name): \($0.log.suffix(800))" }.joined(separator: "\n"))
    }
}
