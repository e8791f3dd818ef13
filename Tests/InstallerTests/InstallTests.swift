import DiskLayout
import Foundation
import ImageTrust
import Installer
import ProvisionModel
import Testing
import TestSupport

/// End to end through the agent: a real HTTP server, real compressors, and sgdisk/e2fsck/debugfs reading the result.
@Suite(.disabled(if: TestEnvironment.missingTools("mkfs.ext4", "sgdisk", "e2fsck", "debugfs", "xz", "zstd", "python3") != nil))
struct InstallTests {
    @Test(arguments: [(ImageCompression.xz, false), (.zstd, true), (.gzip, false), (.bzip2, false), (.none, true)])
    func installWritesVerifiedImageTableAndRoot(compression: ImageCompression, mirror: Bool) async throws {
        let fixture = try await InstallFixture(compression: compression)
        defer { fixture.cleanUp() }
        try fixture.writePlan(mirror: mirror)
        let result = try await fixture.install(fixture.agent())
        let image = try Data(contentsOf: fixture.image)
        let layout = try CoreOSLayout(diskSize: 512 << 20, imageSize: Int64(image.count))
        #expect(result.writtenBytes == Int64(image.count))
        #expect(result.signedBy == fixture.key.verifyingKey.fingerprint)

        // sgdisk reads the table: no problems, CoreOS numbering, names, types, gptprio.
        let verify = try await Tool.run("sgdisk", ["-v", fixture.disk.path]).stdout
        #expect(verify.contains("No problems found"), "\(verify)")
        let usrA = try await Tool.run("sgdisk", ["-i", "3", fixture.disk.path]).stdout
        #expect(usrA.contains("Partition GUID code: 5DFBF5F4-2848-4BAC-AA5E-0D9A20B745A6"))
        #expect(usrA.contains("Attribute flags: 0101000000000000"))
        #expect(usrA.contains("Partition name: 'USR-A'"))
        #expect(try await Tool.run("sgdisk", ["-i", "9", fixture.disk.path]).stdout.contains("Partition name: 'ROOT'"))

        // USR-A (and USR-B when mirrored) hold exactly the decompressed image.
        #expect(Data(try fixture.bytes(ofDiskAt: layout.offset(of: .usrA), count: image.count)) == image)
        let usrB = try fixture.bytes(ofDiskAt: layout.offset(of: .usrB), count: image.count)
        #expect(mirror ? Data(usrB) == image : usrB.allSatisfy { $0 == 0 })

        // ROOT is a clean ext4 filesystem holding the cloud-config at the CoreOS path; OEM is clean too.
        let root = try await fixture.extract(.root, layout: layout, to: "root.part")
        try await Tool.run("e2fsck", ["-fn", root.path])
        let userData = try await Tool.run("debugfs", ["-R", "cat /var/lib/coreos-install/user_data", root.path]).stdout
        #expect(userData == InstallFixture.userData)
        try await Tool.run("e2fsck", ["-fn", try await fixture.extract(.oem, layout: layout, to: "oem.part").path])

        // The server heard the whole story, with the token.
        #expect(fixture.eventKinds.first == "download")
        #expect(Array(fixture.eventKinds.suffix(3)) == ["verify", "write", "done"])
        #expect(fixture.server.posts.allSatisfy { $0.authorization == "Bearer \(InstallFixture.token)" })
        #expect(fixture.server.posts.allSatisfy { $0.path == "/api/v1/machines/\(InstallFixture.mac)/events" })
    }

    @Test func tamperedImageIsRejectedAndTheOldTableStays() async throws {
        let fixture = try await InstallFixture(compression: .xz)
        defer { fixture.cleanUp() }
        try writeOldTable(fixture)
        let before = try fixture.tableRegions()
        try TestData.flipByte(in: fixture.served, at: 70_000)
        try fixture.writePlan(includeSHA256: false)

        let error = await #expect(throws: InstallError.self) { try await fixture.install(fixture.agent()) }
        #expect(error?.category == .verification)
        #expect(error?.description.contains("signature does not verify") == true, "\(String(describing: error))")
        #expect(try fixture.tableRegions() == before)
        #expect(fixture.eventKinds.last == "failed")
    }

    @Test func imageSignedByAnUntrustedKeyIsRejectedAndTheOldTableStays() async throws {
        let fixture = try await InstallFixture(compression: .zstd)
        defer { fixture.cleanUp() }
        try writeOldTable(fixture)
        let before = try fixture.tableRegions()
        let stranger = SigningKey.generate().verifyingKey

        let error = await #expect(throws: InstallError.self) { try await fixture.install(fixture.agent(trusting: [stranger])) }
        #expect(error?.category == .verification)
        #expect(error?.description.contains(stranger.fingerprint) == true)
        #expect(try fixture.tableRegions() == before)
        let failed = try #require(fixture.server.posts.last?.body)
        #expect(failed["kind"] as? String == "failed")
        #expect((failed["reason"] as? String)?.contains("signature does not verify") == true)
    }

    @Test func truncatedImageOnTheServerIsADownloadError() async throws {
        let fixture = try await InstallFixture(compression: .xz)
        defer { fixture.cleanUp() }
        try writeOldTable(fixture)
        let before = try fixture.tableRegions()
        let full = try Data(contentsOf: fixture.served)
        try fixture.writePlan()
        try full.prefix(full.count / 2).write(to: fixture.served)

        let error = await #expect(throws: InstallError.self) { try await fixture.install(fixture.agent()) }
        #expect(error?.category == .download)
        #expect(error?.description.contains("the plan says \(full.count)") == true, "\(String(describing: error))")
        #expect(try fixture.tableRegions() == before)
    }

    @Test func droppedConnectionsResumeWithRangeRequests() async throws {
        let fixture = try await InstallFixture(compression: .none)
        defer { fixture.cleanUp() }
        try fixture.server.setFault(path: fixture.imagePath, dropAfter: 300_000, times: 2)

        let result = try await fixture.install(fixture.agent())
        #expect(result.imageBytes == Int64(try Data(contentsOf: fixture.served).count))
        // Two drops, two resumes; each resume asks for the bytes after what arrived (a RST may lose some in flight).
        let gets = fixture.server.requests.filter { $0.hasPrefix("GET \(fixture.imagePath) ") }
        let offsets = gets.dropFirst().compactMap { Int($0.split(separator: "=").last?.dropLast() ?? "") }
        #expect(gets.count == 3, "\(gets)")
        #expect(gets.first == "GET \(fixture.imagePath) -")
        #expect(offsets.count == 2 && offsets[0] > 0 && offsets[0] <= 300_000 && offsets[1] > offsets[0], "\(gets)")
        #expect(fixture.eventKinds.last == "done")
    }

    @Test func serverKilledMidDownloadAndRestartedIsResumed() async throws {
        let fixture = try await InstallFixture(compression: .none)
        defer { fixture.cleanUp() }
        try fixture.server.setFault(path: fixture.imagePath, rate: 4 << 20)  // 8 MiB at 4 MiB/s: ~2 s
        let port = fixture.server.port
        let agent = fixture.agent()
        async let installed = fixture.install(agent)
        while !fixture.server.requests.contains(where: { $0.hasPrefix("GET \(fixture.imagePath) ") }) {
            try await Task.sleep(for: .milliseconds(20))
        }
        try await Task.sleep(for: .milliseconds(400))
        await fixture.server.kill()
        try await Task.sleep(for: .milliseconds(300))
        let restarted = try await TestHTTPServer(root: fixture.dir.file("www"), port: port)
        defer { restarted.stopNow() }

        let result = try await installed
        #expect(result.imageBytes == Int64(try Data(contentsOf: fixture.served).count))
        #expect(restarted.requests.contains { $0.hasPrefix("GET \(fixture.imagePath) bytes=") && !$0.hasSuffix("bytes=0-") })
    }

    /// A progress POST still in flight when the image is written must not reach the server after `verify`.
    @Test func aSlowProgressReportStillArrivesBeforeVerify() async throws {
        let fixture = try await InstallFixture(compression: .none)
        defer { fixture.cleanUp() }
        try fixture.server.setFault(path: fixture.imagePath, rate: 4 << 20)  // 8 MiB at 4 MiB/s: ~2 s
        // The first two POSTs (bytes 0, then the first tick's) each take 3 s: the tick's is answered after the download ended.
        try fixture.server.setFault(path: "/api/v1/machines/\(InstallFixture.mac)/events", times: 2, delay: .seconds(3))

        _ = try await fixture.install(fixture.agent(reportInterval: .seconds(1)))
        let kinds = fixture.eventKinds
        #expect(kinds.filter { $0 == "download" }.count >= 2, "\(kinds)")
        #expect(Array(kinds.drop { $0 == "download" }) == ["verify", "write", "done"], "\(kinds)")
    }

    @Test func tooSmallDiskIsRefusedBeforeWritingAnything() async throws {
        let fixture = try await InstallFixture(compression: .xz, diskSize: 64 << 20)
        defer { fixture.cleanUp() }
        let disk = try DiskFile(path: fixture.disk.path)
        try disk.write(TestData.bytes(count: 1 << 20, seed: 7), at: 0)
        try disk.write(TestData.bytes(count: 1 << 20, seed: 8), at: (63 << 20))
        let before = try await Tool.run("sha256sum", [fixture.disk.path]).stdout
        let error = await #expect(throws: InstallError.self) { try await fixture.install(fixture.agent()) }
        guard case .diskTooSmall(_, let required, let available) = error else {
            Issue.record("expected diskTooSmall, got \(String(describing: error))")
            return
        }
        #expect(available == 64 << 20)
        #expect(required == CoreOSLayout.requiredDiskSize(imageSize: Int64(try Data(contentsOf: fixture.image).count)))
        #expect(try await Tool.run("sha256sum", [fixture.disk.path]).stdout == before)
        #expect(fixture.server.requests.allSatisfy { !$0.hasPrefix("GET \(fixture.imagePath)") })
        #expect(fixture.eventKinds == ["failed"])
    }

    @Test func unknownCompressionIsRefusedAndReported() async throws {
        let fixture = try await InstallFixture(compression: .xz)
        defer { fixture.cleanUp() }
        try fixture.writePlan(compressionName: "lz4")
        let agent = fixture.agent()
        let error = await #expect(throws: InstallError.self) { try await agent.fetchPlan() }
        await agent.shutdown()
        #expect(error?.description == "unknown image compression 'lz4' (supported: none, gzip, bzip2, xz, zstd)")
        #expect(fixture.eventKinds == ["failed"])
    }

    @Test func unreachableServerIsAPlanError() async throws {
        let agent = InstallAgent(options: InstallOptions(server: "http://127.0.0.1:\(TestEnvironment.freePort())", mac: InstallFixture.mac,
                                                         trustedKeys: [SigningKey.generate().verifyingKey], progress: .silent))
        let error = await #expect(throws: InstallError.self) { try await agent.fetchPlan() }
        await agent.shutdown()
        #expect(error?.category == .plan)
        #expect(error?.description.hasPrefix("cannot fetch the install plan from http://127.0.0.1:") == true)
    }

    @Test func dataThatIsNotTheAnnouncedCompressionIsRejected() async throws {
        let fixture = try await InstallFixture(compression: .gzip)
        defer { fixture.cleanUp() }
        try fixture.writePlan(compressionName: "xz")
        let error = await #expect(throws: InstallError.self) { try await fixture.install(fixture.agent()) }
        #expect(error?.description.contains("the plan says xz but the image is gzip") == true, "\(String(describing: error))")
    }

    /// An "old" partition table (a different layout) the tests expect to survive a refused install.
    func writeOldTable(_ fixture: InstallFixture) throws {
        let old = try CoreOSLayout(diskSize: 512 << 20, imageSize: 100 << 20)
        try DiskFile(path: fixture.disk.path).write(old.table)
    }
}
