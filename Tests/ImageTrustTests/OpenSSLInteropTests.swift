import Foundation
import ImageTrust
import Testing
import TestSupport

/// Stock OpenSSL reads what we write and we read what it writes: keys, signatures, both directions.
@Suite(.disabled(if: TestEnvironment.missingTools("openssl") != nil))
struct OpenSSLInteropTests {
    @Test func openSSLVerifiesOurSignatureWithOurPublicKey() async throws {
        let dir = try TemporaryDirectory("trust")
        defer { dir.remove() }
        let image = try Fixture.randomFile(in: dir, name: "image.raw", size: 3 << 20 + 17)
        let key = SigningKey.generate()
        try KeyFiles.write(key, privatePath: dir.file("signing.pem").path, publicPath: dir.file("signing.pub.pem").path)
        try KeyFiles.writeSignature(try ImageFile.sign(image.path, with: key), to: image.path + ".sig")

        let result = try await Tool.run("openssl", ["dgst", "-sha256", "-verify", dir.file("signing.pub.pem").path,
                                                    "-signature", image.path + ".sig", image.path])
        #expect(result.stdout.contains("Verified OK"))
    }

    @Test func openSSLReadsOurPrivateKeyAsPKCS8() async throws {
        let dir = try TemporaryDirectory("trust")
        defer { dir.remove() }
        let key = SigningKey.generate()
        try KeyFiles.write(key, privatePath: dir.file("k.pem").path, publicPath: dir.file("k.pub.pem").path)
        #expect(key.pem.hasPrefix("-----BEGIN PRIVATE KEY-----"))
        #expect(key.verifyingKey.pem.hasPrefix("-----BEGIN PUBLIC KEY-----"))
        let derived = try await Tool.run("openssl", ["pkey", "-in", dir.file("k.pem").path, "-pubout"])
        #expect(try VerifyingKey(pem: derived.stdout) == key.verifyingKey)
    }

    @Test func weVerifyASignatureMadeByOpenSSLWithAnOpenSSLKey() async throws {
        let dir = try TemporaryDirectory("trust")
        defer { dir.remove() }
        let image = try Fixture.randomFile(in: dir, name: "image.raw", size: 1 << 20)
        let keyPath = dir.file("key.pem").path, pubPath = dir.file("pub.pem").path
        try await Tool.run("openssl", ["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", keyPath])
        try await Tool.run("openssl", ["pkey", "-in", keyPath, "-pubout", "-out", pubPath])
        try await Tool.run("openssl", ["dgst", "-sha256", "-sign", keyPath, "-out", image.path + ".sig", image.path])

        let signer = try ImageFile.verify(image.path, signature: try KeyFiles.readSignature(image.path + ".sig"),
                                          trustedKeys: [try KeyFiles.readVerifyingKey(pubPath)])
        #expect(signer == (try KeyFiles.readSigningKey(keyPath)).verifyingKey)
    }

    @Test func openSSLGeneratedKeySignsWhatOpenSSLVerifies() async throws {
        let dir = try TemporaryDirectory("trust")
        defer { dir.remove() }
        let image = try Fixture.randomFile(in: dir, name: "image.raw", size: 200_000)
        let keyPath = dir.file("key.pem").path, pubPath = dir.file("pub.pem").path
        try await Tool.run("openssl", ["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", keyPath])
        try await Tool.run("openssl", ["pkey", "-in", keyPath, "-pubout", "-out", pubPath])
        let key = try KeyFiles.readSigningKey(keyPath)
        try KeyFiles.writeSignature(try ImageFile.sign(image.path, with: key), to: image.path + ".sig")

        let result = try await Tool.run("openssl", ["dgst", "-sha256", "-verify", pubPath, "-signature", image.path + ".sig", image.path])
        #expect(result.stdout.contains("Verified OK"))
    }

    @Test func openSSLRejectsOurSignatureOverATamperedFile() async throws {
        let dir = try TemporaryDirectory("trust")
        defer { dir.remove() }
        let image = try Fixture.randomFile(in: dir, name: "image.raw", size: 100_000)
        let key = SigningKey.generate()
        try KeyFiles.write(key, privatePath: dir.file("k.pem").path, publicPath: dir.file("k.pub.pem").path)
        try KeyFiles.writeSignature(try ImageFile.sign(image.path, with: key), to: image.path + ".sig")
        try Fixture.flipByte(in: image, at: 50_000)

        let result = try await Tool.status("openssl", ["dgst", "-sha256", "-verify", dir.file("k.pub.pem").path,
                                                       "-signature", image.path + ".sig", image.path])
        #expect(result.status != 0)
        #expect(result.stdout.contains("Verification failure"))
    }
}
