import Foundation
import ImageTrust
import NIOCore
import ProvisionModel

/// `provision image import`: places a signed image under `assets/<os>/<version>/` with its signature and a
/// `manifest.json`, then points `assets/<os>/<channel>` at the version. The image is copied first and the *copy*
/// is verified (signature against the trusted keys, decompressed size measured) in one streaming pass, so what is
/// published is exactly what was checked; a refused image leaves nothing behind. Every file lands by rename.
public struct ImageImport: Sendable {
    public var file: String
    public var signature: String
    public var os: String
    public var version: String
    public var channel: String
    public var assets: String
    public var compression: ImageCompression
    public var trustedKeys: [VerifyingKey]

    public init(file: String, signature: String? = nil, os: String, version: String, channel: String = "stable",
                assets: String = "assets", compression: ImageCompression? = nil, trustedKeys: [VerifyingKey]) {
        self.file = file
        self.signature = signature ?? file + ".sig"
        self.os = os
        self.version = version
        self.channel = channel
        self.assets = assets
        self.compression = compression ?? ImageCompression(fileName: file)
        self.trustedKeys = trustedKeys
    }

    public var versionDirectory: String { "\(assets)/\(os)/\(version)" }
    public var channelPointer: String { "\(assets)/\(os)/\(channel)" }

    public func run() async throws -> ImageManifest {
        for (what, value) in [("os", os), ("version", version), ("channel", channel)] where !ImageImport.isSafeName(value) {
            throw ImportError.badName(what: what, value: value)
        }
        do {
            return try await importImage()
        } catch {
            // Leave no empty directories behind for a refused image (rmdir only removes empty ones).
            _ = rmdir(versionDirectory)
            _ = rmdir("\(assets)/\(os)")
            throw error
        }
    }

    func importImage() async throws -> ImageManifest {
        let detached: DetachedSignature
        do { detached = try KeyFiles.readSignature(signature) } catch { throw ImportError.unreadable(signature, "\(error)") }
        let name = (file as NSString).lastPathComponent
        let target = "\(versionDirectory)/\(name)"
        try create(directory: versionDirectory)
        let staged = "\(versionDirectory)/.\(name).importing-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: staged) }
        do { try FileManager.default.copyItem(atPath: file, toPath: staged) } catch {
            throw ImportError.writeFailed(staged, "cannot copy \(file): \(error.localizedDescription)")
        }
        let manifest = try await measure(staged, name: name, signature: detached)
        if FileManager.default.fileExists(atPath: target) {
            guard (try? ImageFile.digest(of: target).hex) == manifest.sha256 else { throw ImportError.alreadyImported(target) }
        }
        try publish(staged, as: target)
        try AtomicFile.write(Data(detached.der), to: target + ".sig")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try AtomicFile.write(try encoder.encode(manifest) + Data("\n".utf8), to: "\(versionDirectory)/manifest.json")
        try AtomicFile.write(Data("\(version)\n".utf8), to: channelPointer)
        return manifest
    }

    /// One pass over the staged copy: SHA-256 + signature check, and decompression to count the bytes it expands to.
    func measure(_ path: String, name: String, signature: DetachedSignature) async throws -> ImageManifest {
        let outcome = LockedValue<(ImageDigest, VerifyingKey, Int64)?>(nil)
        let counter = ByteCounter()
        let stages = VerifyingStage(CountingStage(FileChunks(path: path), counter: counter),
                                    verifier: SignatureVerifier(signature: signature, trustedKeys: trustedKeys), subject: file) {
            digest, key in outcome.withValue { $0 = (digest, key, counter.count) }
        }
        let uncompressed: Int64
        do {
            uncompressed = try await Decompression.run(stages, compression: compression) { _ in }
        } catch let error as InstallError {
            throw ImportError.rejected(error.description)
        }
        guard let (digest, key, size) = outcome.current else { throw ImportError.rejected("\(file) was not verified") }
        return ImageManifest(os: os, version: version, image: name, signature: name + ".sig", compression: compression, size: size,
                             sha256: digest.hex, uncompressedSize: uncompressed, signedBy: key.fingerprint)
    }

    static func isSafeName(_ value: String) -> Bool {
        !value.isEmpty && value != "." && value != ".." && value.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }
    }

    private func create(directory: String) throws {
        do { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) } catch {
            throw ImportError.writeFailed(directory, error.localizedDescription)
        }
    }

    private func publish(_ staged: String, as target: String) throws {
        guard rename(staged, target) == 0 else { throw ImportError.writeFailed(target, String(cString: strerror(errno))) }
    }
}

/// Writes a file by writing a temporary sibling and renaming it over the target, so readers see old or new, never half.
public enum AtomicFile {
    public static func write(_ data: Data, to path: String) throws {
        let temporary = "\((path as NSString).deletingLastPathComponent)/.\((path as NSString).lastPathComponent).tmp-\(getpid())"
        do {
            try data.write(to: URL(fileURLWithPath: temporary))
            guard rename(temporary, path) == 0 else { throw ImportError.writeFailed(path, String(cString: strerror(errno))) }
        } catch let error as ImportError {
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw ImportError.writeFailed(path, error.localizedDescription)
        }
    }
}
