import Foundation
import Testing
import TestSupport

/// The whole install path against the real server: keygen → sign → import → /ipxe → `provision install` → installed.
@Suite struct InstallAgentEndToEndTests {
    @Test func agentInstallsFromTheServerAndTheMachineBootsLocally() async throws {
        if let reason = TestEnvironment.missingTools("zstd", "sgdisk", "mkfs.ext4", "debugfs") { print(reason); return }
        try await ProvisionServer.run() { server in
            let work = try TemporaryDirectory("agent-e2e")
            defer { work.remove() }
            let bin = TestEnvironment.provisionBinary.path
            // A 6 MiB "root image" of known bytes, zstd-compressed and signed.
            let image = Data((0..<(6 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 13) })
            try image.write(to: work.file("root.img"))
            try await Tool.run("zstd", ["-q", "-3", work.path + "/root.img", "-o", work.path + "/root.img.zst"])
            try await Tool.run(bin, ["image", "keygen", "--out", work.path + "/signing.pem"])
            try await Tool.run(bin, ["image", "sign", work.path + "/root.img.zst", "--key", work.path + "/signing.pem"])
            try await Tool.run(bin, ["image", "import", work.path + "/root.img.zst", "--os", "flatcar", "--version", "9.9.9",
                                     "--channel", "stable", "--assets", server.assetsDir, "--trusted-keys", work.path + "/signing.pub.pem"])
            #expect(try await server.cli(["machine", "add", "52:54:00:00:00:42", "--name", "node42", "--profile", "etcd-member"]).status == 0)
            #expect(try await HTTP.get(server.url + "/ipxe?mac=52:54:00:00:00:42").body.contains("provision.token="))

            let disk = work.path + "/disk.img"
            try await Tool.run("truncate", ["-s", "512M", disk])
            let install = try await Tool.status(bin, ["install", "--server", server.url, "--mac", "52:54:00:00:00:42", "--disk", disk,
                                                      "--trusted-keys", work.path + "/signing.pub.pem", "--yes"], timeout: .seconds(300))
            #expect(install.status == 0, "\(install.stderr)\n\(install.stdout)")

            let show = try await server.cli(["machine", "show", "52:54:00:00:00:42"])
            #expect(show.stdout.contains("state:    installed"), "\(show.stdout)")
            let local = try await HTTP.get(server.url + "/ipxe?mac=52:54:00:00:00:42")
            #expect(local.body.contains("booting from local disk"))
            let verify = try await Tool.status("sgdisk", ["-v", disk])
            #expect(verify.stdout.contains("No problems found"), "\(verify.stdout)")
            let table = try await Tool.run("sgdisk", ["-p", disk]).stdout
            #expect(table.contains("USR-A") && table.contains("USR-B") && table.contains("ROOT"))
        }
    }
}
