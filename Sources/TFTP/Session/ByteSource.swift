import NIOCore

/// Where a transfer's bytes come from, read front to back one block at a time.
protocol ByteSource {
    /// Up to `count` next bytes; fewer only at the end of the data (an empty buffer once exhausted).
    mutating func read(upTo count: Int, allocator: ByteBufferAllocator) throws -> ByteBuffer
}

/// Bytes already in memory (tests, the fuzz target, and small generated files).
struct BufferByteSource: ByteSource {
    var remaining: ByteBuffer

    init(_ bytes: ByteBuffer) { remaining = bytes }

    mutating func read(upTo count: Int, allocator: ByteBufferAllocator) throws -> ByteBuffer {
        remaining.readSlice(length: min(count, remaining.readableBytes)) ?? ByteBuffer()
    }
}
