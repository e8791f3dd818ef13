import Foundation
import TestSupport

/// A real etcd member (Debian's etcd-server) on 127.0.0.1 with free client and peer ports and a
/// temporary data directory, bootstrapping through a discovery URL. Stopped by PID.
final class EtcdMember: Sendable {
    let name: String
    let clientURL: String
    let peerURL: String
    let dataDir: TemporaryDirectory
    let process: ManagedProcess

    init(name: String, discovery: String, peerPort: Int = TestEnvironment.freePort(), extraArguments: [String] = []) throws {
        self.name = name
        clientURL = "http://127.0.0.1:\(TestEnvironment.freePort())"
        peerURL = "http://127.0.0.1:\(peerPort)"
        dataDir = try TemporaryDirectory("etcd-\(name)")
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: dataDir.path)
        process = try ManagedProcess("etcd", [
            "--name", name, "--data-dir", dataDir.path,
            "--listen-client-urls", clientURL, "--advertise-client-urls", clientURL,
            "--listen-peer-urls", peerURL, "--initial-advertise-peer-urls", peerURL,
            "--discovery", discovery,
        ] + extraArguments)
    }

    var peerPort: Int { Int(peerURL.split(separator: ":").last ?? "") ?? 0 }
    var log: String { process.stderr }

    /// `etcdctl` (v3 API) against this member.
    func etcdctl(_ arguments: [String]) async throws -> String {
        try await Tool.run("etcdctl", ["--endpoints", clientURL, "--dial-timeout", "2s", "--command-timeout", "5s"] + arguments,
                           environment: ["ETCDCTL_API": "3"], timeout: .seconds(20)).stdout
    }

    /// Members this member reports as started (`etcdctl member list`), or [] while it cannot answer.
    func startedMembers() async -> [String] {
        guard let list = try? await etcdctl(["member", "list"]) else { return [] }
        return list.split(separator: "\n").filter { $0.contains(", started, ") }.map { String($0.split(separator: ",")[2].trimmingCharacters(in: .whitespaces)) }
    }

    func stop() async {
        await process.stop(grace: .seconds(3))
        dataDir.remove()
    }
}
