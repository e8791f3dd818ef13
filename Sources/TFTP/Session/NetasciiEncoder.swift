import NIOCore

/// Converts a byte stream to netascii on the fly (RFC 1350, RFC 764): LF becomes CR LF and a bare
/// CR becomes CR NUL, byte by byte as tftpd-hpa does. Holds at most one converted read ahead.
struct NetasciiEncoder<Base: ByteSource>: ByteSource {
    var base: Base
    private var pending = ByteBuffer()
    private var baseExhausted = false

    init(_ base: Base) { self.base = base }

    mutating func read(upTo count: Int, appendingTo buffer: inout ByteBuffer) throws -> Int {
        while pending.readableBytes < count, !baseExhausted {
            var raw = ByteBuffer()
            if try base.read(upTo: count, appendingTo: &raw) < count { baseExhausted = true }
            appendConverted(raw)
        }
        guard var block = pending.readSlice(length: min(count, pending.readableBytes)) else { return 0 }
        return buffer.writeBuffer(&block)
    }

    private mutating func appendConverted(_ raw: ByteBuffer) {
        var converted = ByteBufferAllocator().buffer(capacity: pending.readableBytes + raw.readableBytes * 2)
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
