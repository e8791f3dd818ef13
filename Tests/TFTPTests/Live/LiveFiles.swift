import Foundation
import TestSupport

/// Files the live tests serve, generated once per test run in a temporary directory that is removed
/// when the test process exits.
enum LiveFiles {
    /// Larger than 32 MiB so block numbers roll over at blksize 512.
    static let bigSize = 32 * 1024 * 1024 + 1_000_001
    static let bigName = "big.bin"
    static let tinyName = "tiny.txt"
    static let textName = "notes.txt"

    static let root: String = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tftp-live-\(getpid())")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let random = FileHandle(forReadingAtPath: "/dev/urandom")
        let bytes = random?.readData(ofLength: bigSize) ?? Data(count: bigSize)
        _ = FileManager.default.createFile(atPath: dir.appendingPathComponent(bigName).path, contents: bytes)
        _ = FileManager.default.createFile(atPath: dir.appendingPathComponent(tinyName).path, contents: Data("hello, PXE\n".utf8))
        let text = String(repeating: "first line\nsecond\r\nthird\n", count: 500)
        _ = FileManager.default.createFile(atPath: dir.appendingPathComponent(textName).path, contents: Data(text.utf8))
        atexit { try? FileManager.default.removeItem(atPath: LiveFiles.rootPath) }
        return dir.path
    }()

    private static var rootPath: String {
        FileManager.default.temporaryDirectory.appendingPathComponent("tftp-live-\(getpid())").path
    }

    static func path(_ name: String) -> String { root + "/" + name }

    /// The sha256 of a file, computed by the real `sha256sum`.
    static func sha256(_ paths: [String]) async throws -> [String] {
        let out = try await Tool.run("sha256sum", paths).stdout
        return out.split(separator: "\n").map { String($0.prefix(64)) }
    }

    static func sha256(_ path: String) async throws -> String {
        try await sha256([path]).first ?? ""
    }
}
