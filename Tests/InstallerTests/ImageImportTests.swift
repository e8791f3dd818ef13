import Foundation
import ImageTrust
import Installer
import ProvisionModel
import Testing
import TestSupport

@Suite(.disabled(if: TestEnvironment.missingTools("xz") != nil))
struct ImageImportTests {
    func signedImage(in dir: TemporaryDirectory, key: SigningKey) async throws -> URL {
        let raw = try TestData.file(dir.file("root.img"), count: 2 << 20, seed: 9)
        try await Tool.run("xz", ["-0", "-T1", "-k", raw.path])
        let image = dir.file("root.img.xz")
        try KeyFiles.writeSignature(try ImageFile.sign(image.path, with: key), to: image.path + ".sig")
        return image
    }

    @Test func importPublishesImageSignatureManifestAndChannel() async throws {
        let dir = try TemporaryDirectory("import")
        defer { dir.remove() }
        let key = SigningKey.generate()
        let image = try await signedImage(in: dir, key: key)
        let assets = dir.file("assets").path

        let manifest = try await ImageImport(file: image.path, os: "testos", version: "1.2.3", channel: "beta", assets: assets,
                                             trustedKeys: [key.verifyingKey]).run()
        let version = dir.file("assets/testos/1.2.3")
        #expect(try Data(contentsOf: version.appendingPathComponent("root.img.xz")) == Data(contentsOf: image))
        #expect(try Data(contentsOf: version.appendingPathComponent("root.img.xz.sig")) == Data(contentsOf: URL(fileURLWithPath: image.path + ".sig")))
        #expect(try String(contentsOf: dir.file("assets/testos/beta"), encoding: .utf8) == "1.2.3\n")
        #expect(manifest.compression == .xz)
        #expect(manifest.uncompressedSize == 2 << 20)
        #expect(manifest.sha256 == (try ImageFile.digest(of: image.path).hex))
        #expect(manifest.signedBy == key.verifyingKey.fingerprint)
        let stored = try JSONDecoder().decode(ImageManifest.self, from: Data(contentsOf: version.appendingPathComponent("manifest.json")))
        #expect(stored == manifest)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: version.path).filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty)
    }

    @Test func imageSignedByAnUntrustedKeyIsRefusedAndNothingIsPublished() async throws {
        let dir = try TemporaryDirectory("import")
        defer { dir.remove() }
        let image = try await signedImage(in: dir, key: SigningKey.generate())
        let assets = dir.file("assets").path
        try FileManager.default.createDirectory(atPath: assets, withIntermediateDirectories: true)

        let error = await #expect(throws: ImportError.self) {
            try await ImageImport(file: image.path, os: "testos", version: "9", assets: assets,
                                  trustedKeys: [SigningKey.generate().verifyingKey]).run()
        }
        #expect(error?.description.contains("signature does not verify") == true)
        #expect(try FileManager.default.contentsOfDirectory(atPath: assets).isEmpty)
    }

    @Test func channelMovesToTheNewestImportAndOldVersionsStay() async throws {
        let dir = try TemporaryDirectory("import")
        defer { dir.remove() }
        let key = SigningKey.generate()
        let image = try await signedImage(in: dir, key: key)
        let assets = dir.file("assets").path
        for version in ["1", "2"] {
            _ = try await ImageImport(file: image.path, os: "testos", version: version, assets: assets, trustedKeys: [key.verifyingKey]).run()
        }
        #expect(try String(contentsOf: dir.file("assets/testos/stable"), encoding: .utf8) == "2\n")
        #expect(FileManager.default.fileExists(atPath: dir.file("assets/testos/1/manifest.json").path))
    }

    @Test(arguments: ["../etc", "a/b", "", ".."])
    func unsafeNamesAreRefused(name: String) async throws {
        await #expect(throws: ImportError.self) {
            try await ImageImport(file: "/nonexistent", os: name, version: "1", trustedKeys: []).run()
        }
    }
}
