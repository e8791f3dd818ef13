import Foundation
import Testing
import TestSupport

/// `/assets/…`: ranges, caching headers and path safety, checked with curl (which sends paths as given).
@Suite struct AssetEndToEndTests {
    static let content = (0..<1000).map { UInt8($0 % 251) }

    func withAssetServer(_ body: (ProvisionServer) async throws -> Void) async throws {
        try await ProvisionServer.run { server in
            try FileManager.default.createDirectory(atPath: server.assetsDir + "/debian/12", withIntermediateDirectories: true)
            _ = FileManager.default.createFile(atPath: server.assetsDir + "/debian/12/vmlinuz", contents: Data(Self.content))
            try "secret\n".write(toFile: server.root.path + "/outside.txt", atomically: true, encoding: .utf8)
            try await body(server)
        }
    }

    @Test(arguments: [
        ("bytes=0-9", 206, 0..<10, "bytes 0-9/1000"),
        ("bytes=990-", 206, 990..<1000, "bytes 990-999/1000"),
        ("bytes=-10", 206, 990..<1000, "bytes 990-999/1000"),
        ("bytes=500-2000", 206, 500..<1000, "bytes 500-999/1000"),
        ("bytes=1000-", 416, 0..<0, "bytes */1000"),
        ("bytes=9-3", 416, 0..<0, "bytes */1000"),
    ])
    func rangeRequests(range: String, status: Int, slice: Range<Int>, contentRange: String) async throws {
        try await withAssetServer { server in
            let reply = try await HTTP.get(server.url + "/assets/debian/12/vmlinuz", headers: [("Range", range)])
            #expect(reply.status == status)
            #expect(reply.header("Content-Range") == contentRange)
            #expect(reply.bytes == Array(Self.content[slice]))
            #expect(reply.header("Content-Length") == String(slice.count))
        }
    }

    @Test func headETagAndNotModified() async throws {
        try await withAssetServer { server in
            let head = try await HTTP.request(.HEAD, server.url + "/assets/debian/12/vmlinuz")
            #expect(head.status == 200)
            #expect(head.header("Content-Length") == "1000")
            #expect(head.bytes.isEmpty)
            let etag = try #require(head.header("ETag"))
            let cached = try await HTTP.get(server.url + "/assets/debian/12/vmlinuz", headers: [("If-None-Match", etag)])
            #expect(cached.status == 304)
            #expect(cached.bytes.isEmpty)
            let whole = try await HTTP.get(server.url + "/assets/debian/12/vmlinuz")
            #expect(whole.bytes == Self.content)
            #expect(whole.header("Accept-Ranges") == "bytes")
        }
    }

    @Test(arguments: [
        "/assets/../outside.txt", "/assets/%2e%2e/outside.txt", "/assets/%2E%2E%2Foutside.txt",
        "/assets/debian/../../outside.txt", "/assets//etc/passwd", "/assets/escape/outside.txt", "/assets/escape",
        "/assets/%00", "/assets/debian/12/vmlinuz%00.txt",
    ])
    func traversalIsRefused(path: String) async throws {
        if let reason = TestEnvironment.missingTools("curl") { print(reason); return }
        try await withAssetServer { server in
            try FileManager.default.createSymbolicLink(atPath: server.assetsDir + "/escape", withDestinationPath: server.root.path)
            let result = try await Tool.status("curl", ["-s", "--path-as-is", "-o", "-", "-w", "\n%{http_code}", server.url + path])
            let code = Int(result.stdout.split(separator: "\n").last ?? "") ?? 0
            #expect([400, 404].contains(code), "\(path) → \(code)")
            #expect(!result.stdout.contains("secret"))
            #expect(!result.stdout.contains("root:"))
        }
    }

    /// Assets leave by sendfile below the router; on one keep-alive connection they and routed replies must still
    /// come back whole and in order, and an HTTP/1.0 request without keep-alive gets its file and a closed connection.
    @Test func assetsAndRoutesShareAKeepAliveConnection() async throws {
        if let reason = TestEnvironment.missingTools("curl") { print(reason); return }
        try await withAssetServer { server in
            let asset = server.url + "/assets/debian/12/vmlinuz"
            let urls = [asset, server.url + "/healthz", asset, server.url + "/assets/missing", server.url + "/healthz"]
            let result = try await Tool.run("curl", ["-s", "-w", "%{http_code} %{size_download} %{num_connects}\n"]
                                                + urls.flatMap { ["-o", "/dev/null", $0] })
            #expect(result.stdout == "200 1000 1\n200 3 0\n200 1000 0\n404 20 0\n200 3 0\n", "\(result.stdout)")
            let old = try await Tool.run("curl", ["-s", "-0", "-H", "Connection: close", "-D", "-", "-o", "/dev/null", asset])
            #expect(old.stdout.contains("200 OK") && old.stdout.lowercased().contains("connection: close"), "\(old.stdout)")
        }
    }

    /// `/firmware/` serves Debian's iPXE binaries by name only, following the package's symlinks (`ipxe.efi` →
    /// `/boot/ipxe.efi`), and nothing else from that directory.
    @Test func firmwareServesTheIPXEBinariesByNameOnly() async throws {
        let efi = "/usr/lib/ipxe/ipxe.efi"
        guard FileManager.default.fileExists(atPath: efi) else { print("skipped: no \(efi) (apt-get install ipxe)"); return }
        try await withAssetServer { server in
            let reply = try await HTTP.get(server.url + "/firmware/ipxe.efi")
            #expect(reply.status == 200)
            #expect(Data(reply.bytes) == (try Data(contentsOf: URL(fileURLWithPath: efi))))
            for path in ["/firmware/ipxe.iso", "/firmware/../assets/debian/12/vmlinuz", "/firmware/qemu/pxe-e1000.rom", "/firmware/"] {
                let refused = try await HTTP.get(server.url + path)
                #expect([400, 404].contains(refused.status), "\(path) → \(refused.status)")
            }
        }
    }
}
