import Foundation
import ImageTrust
import Testing
import TestSupport

struct KeyFileTests {
    @Test func privateKeyIsOwnerReadableOnlyAndRoundTrips() throws {
        let dir = try TemporaryDirectory("trust")
        defer { dir.remove() }
        let key = SigningKey.generate()
        try KeyFiles.write(key, privatePath: dir.file("s.pem").path, publicPath: dir.file("s.pub.pem").path)
        let mode = try FileManager.default.attributesOfItem(atPath: dir.file("s.pem").path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(try KeyFiles.readSigningKey(dir.file("s.pem").path).verifyingKey == key.verifyingKey)
        #expect(try KeyFiles.readVerifyingKey(dir.file("s.pub.pem").path) == key.verifyingKey)
    }

    @Test func keygenRefusesToOverwriteAnExistingKey() throws {
        let dir = try TemporaryDirectory("trust")
        defer { dir.remove() }
        try dir.write("s.pem", "precious")
        #expect(throws: ImageTrustError.self) {
            try KeyFiles.write(SigningKey.generate(), privatePath: dir.file("s.pem").path, publicPath: dir.file("s.pub.pem").path)
        }
        #expect(try String(contentsOf: dir.file("s.pem"), encoding: .utf8) == "precious")
    }

    @Test func publicKeyWhereAPrivateKeyIsExpectedSaysWhichFile() throws {
        let dir = try TemporaryDirectory("trust")
        defer { dir.remove() }
        try dir.write("pub.pem", SigningKey.generate().verifyingKey.pem)
        let error = #expect(throws: ImageTrustError.self) { try KeyFiles.readSigningKey(dir.file("pub.pem").path) }
        #expect(error?.description.hasPrefix(dir.file("pub.pem").path) == true)
    }

    @Test func trustedKeysLoadFromADirectoryOfPEMFilesAndFromOneBundle() throws {
        let dir = try TemporaryDirectory("trust")
        defer { dir.remove() }
        let a = SigningKey.generate().verifyingKey, b = SigningKey.generate().verifyingKey
        try dir.write("keys/a.pem", a.pem)
        try dir.write("keys/b.pem", b.pem)
        try dir.write("keys/README", "not a key")
        try dir.write("bundle.pem", a.pem + "\n" + b.pem)
        #expect(try TrustedKeys.load(from: dir.file("keys").path) == [a, b])
        #expect(try TrustedKeys.load(from: dir.file("bundle.pem").path) == [a, b])
    }

    @Test func emptyTrustedKeyDirectoryIsAnError() throws {
        let dir = try TemporaryDirectory("trust")
        defer { dir.remove() }
        try FileManager.default.createDirectory(at: dir.file("empty"), withIntermediateDirectories: true)
        #expect(throws: ImageTrustError.noTrustedKeys(source: dir.file("empty").path)) {
            try TrustedKeys.load(from: dir.file("empty").path)
        }
    }
}
