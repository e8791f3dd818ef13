import Foundation
import Testing
import TestSupport

/// `provision serve --tftp`: the iPXE binaries and assets over TFTP, fetched by curl.
@Suite struct TFTPServeEndToEndTests {
    @Test func serveAnswersTFTPForIPXEBinariesAndAssets() async throws {
        if let reason = TestEnvironment.missingTools("curl") { print(reason); return }
        let ipxe = "/usr/lib/ipxe/undionly.kpxe"
        guard FileManager.default.fileExists(atPath: ipxe) else { print("skipped: Debian's ipxe package is not installed"); return }
        let port = TestEnvironment.freePort(udp: true)
        try await ProvisionServer.run(extraArguments: ["--tftp", "127.0.0.1:\(port)"]) { server in
            try "hello over tftp\n".write(toFile: server.assetsDir + "/hello.txt", atomically: true, encoding: .utf8)
            let out = try TemporaryDirectory("tftp-e2e")
            defer { out.remove() }
            try await Tool.run("curl", ["-s", "--tftp-blksize", "1468", "-o", out.path + "/undionly.kpxe", "tftp://127.0.0.1:\(port)/undionly.kpxe"])
            #expect(FileManager.default.contents(atPath: out.path + "/undionly.kpxe") == FileManager.default.contents(atPath: ipxe))
            let hello = try await Tool.run("curl", ["-s", "tftp://127.0.0.1:\(port)/hello.txt"])
            #expect(hello.stdout == "hello over tftp\n")
            #expect(server.serverLog.contains("TFTP listening on 127.0.0.1:\(port)"))
        }
    }
}
