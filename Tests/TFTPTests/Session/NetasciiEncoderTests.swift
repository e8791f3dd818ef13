import NIOCore
import Testing
@testable import TFTP

@Suite struct NetasciiEncoderTests {
    @Test func lineFeedBecomesCRLFAndBareCRBecomesCRNUL() throws {
        var encoder = NetasciiEncoder(BufferByteSource(ByteBuffer(string: "a\nb\rc\r\n")))
        let out = try encoder.read(upTo: 100, allocator: ByteBufferAllocator())
        #expect(Array(out.readableBytesView) == Array("a\r\nb\r\0c\r\0\r\n".utf8))
    }

    @Test(arguments: [1, 2, 3, 8, 512])
    func blocksOfAnySizeConcatenateToTheWholeConversion(_ blockSize: Int) throws {
        let text = String(repeating: "line one\nline\rtwo\n\n", count: 40)
        var encoder = NetasciiEncoder(BufferByteSource(ByteBuffer(string: text)))
        var whole: [UInt8] = []
        while true {
            let block = try encoder.read(upTo: blockSize, allocator: ByteBufferAllocator())
            #expect(block.readableBytes <= blockSize)
            whole += block.readableBytesView
            if block.readableBytes < blockSize { break }
        }
        let expected = text.utf8.flatMap { byte -> [UInt8] in
            byte == 10 ? [13, 10] : byte == 13 ? [13, 0] : [byte]
        }
        #expect(whole == expected)
    }
}
