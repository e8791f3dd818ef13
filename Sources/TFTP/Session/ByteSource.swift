import NIOCore

/// Where a transfer's bytes come from, read front to back one block at a time.
protocol ByteSource: Sendable {
    /// Appends up to `count` next bytes to `buffer` and returns how many; fewer only at the end of
    /// the data (0 once exhausted). Appending lets a block land right after its DATA header.
    mutating func read(upTo count: Int, appendingTo buffer: inout ByteBuffer) throws -> Int
}

/// Bytes already in memory (tests, the fuzz target, and small generated files).
struct BufferByteSource: ByteSource {
    var remaining: ByteBuffer

    init(_ bytes: ByteBuffer) { remaining = bytes }

    mutating func read(upTo count: Int, appendingTo buffer: inout ByteBuffer) throws -> Int {
        guard var slice = remaining.readSlice(length: min(count, remaining.readableBytes)) else { return 0 }
        return buffer.writeBuffer(&slice)
    }
}
