import NIOCore

/// Converts a byte stream to netascii on the fly (RFC 1350, RFC 764): LF becomes CR LF and a bare
/// CR becomes CR NUL, byte by byte as tftpd-hpa does. Holds at most one converted read ahead.
struct NetasciiEncoder<Base: ByteSource>: ByteSource {
    var base: Base
    private var pending = ByteBuffer()
    private var baseExhausted = false

    init(_ base: Base) { self.base = base }

    mutating func read(upTo count: Int, allocator: ByteBufferAllocator) throws -> ByteBuffer {
        while pending.readableBytes < count, !baseExhausted {
            let raw = try base.read(upTo: count, allocator: allocator)
            if raw.readableBytes < count { baseExhausted = true }
            appendConverted(raw, allocator: allocator)
        }
        return pending.readSlice(length: min(count, pending.readableBytes)) ?? ByteBuffer()
    }

    private mutating func appendConverted(_ raw: ByteBuffer, allocator: ByteBufferAllocator) {
        var converted = allocator.buffer(capacity: pending.readableBytes + raw.readableBytes * 2)
        converted.writeImmutableBuffer(pending)
        for byte in raw.readableBytesView {
            switch byte {
            case UInt8(ascii: "\n"): converted.writeInteger(UInt16(0x0D0A))
            case UInt8(ascii: "\r"): converted.writeInteger(UInt16(0x0D00))
            default: converted.writeInteger(byte)
            }
        }
        pending = converted
    }
}
