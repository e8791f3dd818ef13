import Crypto
import Foundation

/// The SHA-256 of an image's bytes (as served, i.e. before decompression).
public struct ImageDigest: Sendable, Equatable, CustomStringConvertible {
    public let bytes: [UInt8]

    init(_ digest: SHA256.Digest) { bytes = Array(digest) }

    /// Lowercase hex, as `sha256sum` prints it.
    public var hex: String {
        let hexDigits = Array("0123456789abcdef")
        var out = ""
        out.reserveCapacity(64)
        for byte in bytes {
            out.append(hexDigits[Int(byte >> 4)])
            out.append(hexDigits[Int(byte & 0x0f)])
        }
        return out
    }

    public var description: String { hex }

    /// These bytes as a Crypto `Digest`, so a digest computed earlier can be signed or checked without rehashing.
    var cryptoDigest: PrecomputedSHA256 { PrecomputedSHA256(bytes: bytes) }
}

/// A SHA-256 value that was computed elsewhere, in the shape swift-crypto's ECDSA API signs and verifies.
struct PrecomputedSHA256: Digest {
    static let byteCount = SHA256.byteCount
    let bytes: [UInt8]

    func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R { try bytes.withUnsafeBytes(body) }
    func makeIterator() -> IndexingIterator<[UInt8]> { bytes.makeIterator() }
    var description: String { "SHA256 digest: " + bytes.map { String($0, radix: 16) }.joined() }
}

/// Incremental SHA-256 over chunks of any size: memory stays constant however large the image.
public struct ImageDigester {
    private var hasher = SHA256()
    public private(set) var byteCount: Int64 = 0

    public init() {}

    public mutating func update(_ chunk: UnsafeRawBufferPointer) {
        hasher.update(bufferPointer: chunk)
        byteCount += Int64(chunk.count)
    }

    public mutating func update(_ chunk: [UInt8]) {
        chunk.withUnsafeBytes { update($0) }
    }

    public func finalize() -> ImageDigest { ImageDigest(hasher.finalize()) }
}
