import Foundation
import Testing
import TestSupport

/// The `provision image` and `provision install` commands as an operator runs them: files, messages, exit codes.
@Suite(.disabled(if: TestEnvironment.missingTools("openssl") != nil))
struct CommandLineTests {
    let provision = TestEnvironment.provisionBinary.path

    @Test func keygenSignVerifyRoundTripAndOpenSSLAgrees() async throws {
        let dir = try TemporaryDirectory("cli")
        defer { dir.remove() }
        let image = try TestData.file(dir.file("img.raw"), count: 500_000)
        try await Tool.run(provision, ["image", "keygen", "--out", dir.file("signing.pem").path])
        let mode = try FileManager.default.attributesOfItem(atPath: dir.file("signing.pem").path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(FileManager.default.fileExists(atPath: dir.file("signing.pub.pem").path))
        try await Tool.run(provision, ["image", "sign", image.path, "--key", dir.file("signing.pem").path])
        let verified = try await Tool.run(provision, ["image", "verify", image.path, "--pubkey", dir.file("signing.pub.pem").path])
        #expect(verified.stdout.contains("signature OK"))
        let openssl = try await Tool.run("openssl", ["dgst", "-sha256", "-verify", dir.file("signing.pub.pem").path,
                                                     "-signature", image.path + ".sig", image.path])
        #expect(openssl.stdout.contains("Verified OK"))
    }

    @Test func verifyOfATamperedFileExitsSix() async throws {
        let dir = try TemporaryDirectory("cli")
        defer { dir.remove() }
        let image = try TestData.file(dir.file("img.raw"), count: 10_000)
        try await Tool.run(provision, ["image", "keygen", "--out", dir.file("k.pem").path])
        try await Tool.run(provision, ["image", "sign", image.path, "--key", dir.file("k.pem").path])
        try TestData.flipByte(in: image, at: 5)
        let result = try await Tool.status(provision, ["image", "verify", image.path, "--pubkey", dir.file("k.pub.pem").path])
        #expect(result.status == 6)
        #expect(result.stderr.contains("signature does not verify"))
    }

    @Test func keygenWillNotOverwriteAKeyAndExitsSeven() async throws {
        let dir = try TemporaryDirectory("cli")
        defer { dir.remove() }
        try await Tool.run(provision, ["image", "keygen", "--out", dir.file("k.pem").path])
        let again = try await Tool.status(provision, ["image", "keygen", "--out", dir.file("k.pem").path])
        #expect(again.status == 7)
        #expect(again.stderr.contains("refusing to overwrite"))
    }

    @Test func installAgainstNoServerExitsThree() async throws {
        let dir = try TemporaryDirectory("cli")
        defer { dir.remove() }
        try await Tool.run(provision, ["image", "keygen", "--out", dir.file("k.pem").path])
        let result = try await Tool.status(provision, ["install", "--server", "http://127.0.0.1:\(TestEnvironment.freePort())",
                                                       "--mac", "52:54:00:00:00:01", "--trusted-keys", dir.file("k.pub.pem").path,
                                                       "--disk", dir.file("none.img").path, "--yes"])
        #expect(result.status == 3)
        #expect(result.stderr.contains("cannot fetch the install plan"))
    }
}
