import Foundation

/// Deterministic pseudo-random test data (SplitMix64), so a failing test reproduces byte for byte.
public enum TestData {
    public static func bytes(count: Int, seed: UInt64 = 1) -> [UInt8] {
        var state = seed
        var bytes = [UInt8](repeating: 0, count: count)
        var index = 0
        while index < count {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            z ^= z >> 31
            for shift in stride(from: 0, to: 64, by: 8) where index < count {
                bytes[index] = UInt8(truncatingIfNeeded: z >> UInt64(shift))
                index += 1
            }
        }
        return bytes
    }

    /// Writes `count` pseudo-random bytes to `url`.
    @discardableResult
    public static func file(_ url: URL, count: Int, seed: UInt64 = 1) throws -> URL {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes(count: count, seed: seed)).write(to: url)
        return url
    }

    /// Flips the low bit of the byte at `offset` in place.
    public static func flipByte(in url: URL, at offset: UInt64) throws {
        let handle = try FileHandle(forUpdating: url)
        defer { try? handle.close() }
        try handle.seek(toOffset: offset)
        let byte = try handle.read(upToCount: 1) ?? Data([0])
        try handle.seek(toOffset: offset)
        try handle.write(contentsOf: Data([(byte.first ?? 0) ^ 0x01]))
    }
}
