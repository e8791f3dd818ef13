import Foundation
import ImageTrust
import Testing
import TestSupport

struct SignatureTests {
    @Test func tamperedFileIsRejectedNamingTheFile() throws {
        let dir = try TemporaryDirectory("trust")
        defer { dir.remove() }
        let image = try Fixture.randomFile(in: dir, name: "image.raw", size: 300_000)
        let key = SigningKey.generate()
        let signature = try ImageFile.sign(image.path, with: key)
        try ImageFile.verify(image.path, signature: signature, trustedKeys: [key.verifyingKey])
        try Fixture.flipByte(in: image, at: 299_999)

        let error = #expect(throws: ImageTrustError.self) {
            try ImageFile.verify(image.path, signature: signature, trustedKeys: [key.verifyingKey])
        }
        #expect(error?.description.contains(image.path) == true)
        #expect(error?.description.contains(key.verifyingKey.fingerprint) == true)
    }

    @Test func signatureByAnUntrustedKeyIsRejected() throws {
        let dir = try TemporaryDirectory("trust")
        defer { dir.remove() }
        let image = try Fixture.randomFile(in: dir, name: "image.raw", size: 10_000)
        let signature = try ImageFile.sign(image.path, with: SigningKey.generate())
        let trusted = [SigningKey.generate().verifyingKey, SigningKey.generate().verifyingKey]

        #expect(throws: ImageTrustError.signatureMismatch(subject: image.path, keys: trusted.map(\.fingerprint))) {
            try ImageFile.verify(image.path, signature: signature, trustedKeys: trusted)
        }
    }

    @Test func anyOfSeveralTrustedKeysMayHaveSigned() throws {
        let dir = try TemporaryDirectory("trust")
        defer { dir.remove() }
        let image = try Fixture.randomFile(in: dir, name: "image.raw", size: 10_000)
        let signer = SigningKey.generate()
        let signature = try ImageFile.sign(image.path, with: signer)
        let used = try ImageFile.verify(image.path, signature: signature,
                                        trustedKeys: [SigningKey.generate().verifyingKey, signer.verifyingKey])
        #expect(used == signer.verifyingKey)
    }

    @Test(arguments: [1, 7, 4096, 65_536, 1 << 20])
    func streamingVerifierAcceptsAnyChunking(chunkSize: Int) throws {
        let bytes = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 9) }
        let key = SigningKey.generate()
        var whole = ImageDigester()
        whole.update(bytes)
        let signature = try key.sign(whole.finalize())

        var verifier = SignatureVerifier(signature: signature, trustedKeys: [key.verifyingKey])
        var start = 0
        while start < bytes.count {
            let end = min(start + chunkSize, bytes.count)
            verifier.consume(Array(bytes[start..<end]))
            start = end
        }
        #expect(verifier.byteCount == Int64(bytes.count))
        #expect(verifier.digest == whole.finalize())
        #expect(throws: Never.self) { try verifier.verify() }
    }

    @Test func digestMatchesSha256sum() async throws {
        let dir = try TemporaryDirectory("trust")
        defer { dir.remove() }
        let image = try Fixture.randomFile(in: dir, name: "image.raw", size: 2 << 20 + 3)
        let expected = try await Tool.run("sha256sum", [image.path]).stdout.prefix(64)
        #expect(try ImageFile.digest(of: image.path).hex == String(expected))
    }

    @Test func garbageSignatureIsMalformedNotAMismatch() throws {
        let dir = try TemporaryDirectory("trust")
        defer { dir.remove() }
        try dir.write("x.sig", "this is not DER")
        #expect(throws: ImageTrustError.malformedSignature(source: dir.file("x.sig").path)) {
            try KeyFiles.readSignature(dir.file("x.sig").path)
        }
    }
}
