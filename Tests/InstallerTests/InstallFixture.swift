import DiskLayout
import Foundation
import ImageTrust
import Installer
import NIOCore
import ProvisionModel
import TestSupport

/// A served, signed root image and a disk-image file to install it into: a small ext4 filesystem made with
/// `mkfs.ext4 -d` from known files, compressed with the real tool, signed, served with a plan and a cloud-config
/// by a real HTTP server on 127.0.0.1.
final class InstallFixture: Sendable {
    static let mac = "52:54:00:12:34:56"
    static let token = "tok-8c1f0e"
    static let userData = "#cloud-config\nhostname: node1\nssh_authorized_keys:\n  - ssh-ed25519 AAAAC3Nza test@example\n"

    let dir: TemporaryDirectory
    let server: TestHTTPServer
    let key: SigningKey
    let compression: ImageCompression
    /// The uncompressed root image.
    let image: URL
    /// What is served at /images/root.img<ext>.
    let served: URL
    let disk: URL

    var imageName: String { served.lastPathComponent }
    var imagePath: String { "/images/\(imageName)" }

    init(compression: ImageCompression, diskSize: Int64 = 512 << 20, imageSize: String = "8M") async throws {
        self.compression = compression
        dir = try TemporaryDirectory("install")
        key = SigningKey.generate()
        let files = dir.file("rootfs")
        try dir.write("rootfs/etc/os-release", "ID=testos\nVERSION_ID=1.0\n")
        try TestData.file(files.appendingPathComponent("usr/share/blob.bin"), count: 1 << 20, seed: 42)
        image = dir.file("root.img")
        try await Tool.run("mkfs.ext4", ["-q", "-F", "-d", files.path, image.path, imageSize])
        try FileManager.default.createDirectory(at: dir.file("www/images"), withIntermediateDirectories: true)
        served = try await InstallFixture.compress(image, with: compression, into: dir.file("www/images"))
        try KeyFiles.writeSignature(try ImageFile.sign(served.path, with: key), to: served.path + ".sig")
        try dir.write("www/config/node1", InstallFixture.userData)
        disk = dir.file("disk.img")
        _ = FileManager.default.createFile(atPath: disk.path, contents: nil)
        _ = truncate(disk.path, off_t(diskSize))
        server = try await TestHTTPServer(root: dir.file("www"))
        try writePlan()
    }

    static func compress(_ image: URL, with compression: ImageCompression, into directory: URL) async throws -> URL {
        let tool: [String], ext: String
        switch compression {
        case .none: tool = []; ext = ""
        case .gzip: tool = ["gzip", "-c", "-1"]; ext = ".gz"
        case .bzip2: tool = ["bzip2", "-c", "-1"]; ext = ".bz2"
        case .xz: tool = ["xz", "-c", "-T1", "-0"]; ext = ".xz"
        case .zstd: tool = ["zstd", "-c", "-q", "-3"]; ext = ".zst"
        }
        let target = directory.appendingPathComponent("root.img" + ext)
        if tool.isEmpty {
            try FileManager.default.copyItem(at: image, to: target)
        } else {
            try await Tool.run("/bin/sh", ["-c", "\(tool.joined(separator: " ")) '\(image.path)' > '\(target.path)'"])
        }
        return target
    }

    /// The plan the server hands out, as JSON (the lead's server must produce this shape).
    func planJSON(mirror: Bool = false, includeSHA256: Bool = true, size: Int64? = nil, compressionName: String? = nil) throws -> [String: Any] {
        let servedSize = Int64(try Data(contentsOf: served).count)
        let imageSize = try Data(contentsOf: image).count
        var plan: [String: Any] = [
            "image_url": server.baseURL + imagePath,
            "signature_url": imagePath + ".sig",  // relative: resolved against --server
            "compression": compressionName ?? compression.rawValue,
            "size": size ?? servedSize,
            "uncompressed_size": imageSize,
            "disk": "auto",
            "mirror_b": mirror,
            "cloud_config_url": "/config/node1",
            "event_url": "/api/v1/machines/\(InstallFixture.mac)/events",
            "token": InstallFixture.token,
        ]
        if includeSHA256 { plan["sha256"] = try ImageFile.digest(of: served.path).hex }
        return plan
    }

    func writePlan(mirror: Bool = false, includeSHA256: Bool = true, size: Int64? = nil, compressionName: String? = nil) throws {
        let plan = try planJSON(mirror: mirror, includeSHA256: includeSHA256, size: size, compressionName: compressionName)
        try JSONSerialization.data(withJSONObject: plan, options: [.sortedKeys]).write(to: dir.file("www/install"))
    }

    func agent(trusting keys: [VerifyingKey]? = nil, server url: String? = nil, disk path: String? = nil,
               reportInterval: Duration = .seconds(5)) -> InstallAgent {
        InstallAgent(options: InstallOptions(server: url ?? server.baseURL, mac: InstallFixture.mac, disk: path ?? disk.path,
                                             trustedKeys: keys ?? [key.verifyingKey],
                                             retry: RetryPolicy(maxAttempts: 6, initialBackoff: .milliseconds(100), maxBackoff: .seconds(1)),
                                             progress: .silent, reportInterval: reportInterval),
                     log: { _ in })
    }

    /// fetch plan → prepare → install, shutting the agent down afterwards.
    func install(_ agent: InstallAgent) async throws -> InstallResult {
        do {
            let result = try await agent.install(try await agent.prepare(try await agent.fetchPlan()))
            await agent.shutdown()
            return result
        } catch {
            await agent.shutdown()
            throw error
        }
    }

    /// The kinds of events POSTed, in order.
    var eventKinds: [String] { server.posts.compactMap { $0.body["kind"] as? String } }

    func bytes(ofDiskAt offset: Int64, count: Int) throws -> [UInt8] {
        try DiskFile(path: disk.path).read(count: count, at: offset)
    }

    /// The partition-table regions: first 34 and last 33 sectors.
    func tableRegions() throws -> [UInt8] {
        let size = Int64(try FileManager.default.attributesOfItem(atPath: disk.path)[.size] as? Int ?? 0)
        return try bytes(ofDiskAt: 0, count: 34 * 512) + bytes(ofDiskAt: size - 33 * 512, count: 33 * 512)
    }

    /// Copies a partition's bytes out of the disk image into its own file (for e2fsck/debugfs).
    func extract(_ kind: CoreOSPartition, layout: CoreOSLayout, to name: String) async throws -> URL {
        let target = dir.file(name)
        try await Tool.run("dd", ["if=\(disk.path)", "of=\(target.path)", "bs=1M", "skip=\(layout.offset(of: kind) >> 20)",
                                  "count=\(layout.size(of: kind) >> 20)", "conv=sparse", "status=none"])
        return target
    }

    func cleanUp() {
        server.stopNow()
        dir.remove()
    }
}
