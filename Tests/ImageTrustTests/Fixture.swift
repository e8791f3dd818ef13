import Foundation
import TestSupport

enum Fixture {
    /// A file of pseudo-random bytes (deterministic per size).
    static func randomFile(in dir: TemporaryDirectory, name: String, size: Int) throws -> URL {
        try TestData.file(dir.file(name), count: size, seed: UInt64(size))
    }

    static func flipByte(in url: URL, at offset: UInt64) throws { try TestData.flipByte(in: url, at: offset) }
}
