import NIOCore
import Testing
@testable import TFTP

@Suite struct NetasciiEncoderTests {
    @Test func lineFeedBecomesCRLFAndBareCRBecomesCRNUL() throws {
        var encoder = NetasciiEncoder(BufferByteSource(ByteBuffer(string: "a\nb\rc\r\n")))
        var out = ByteBuffer()
        _ = try encoder.read(upTo: 100, appendingTo: &out)
        #expect(Array(out.readableBytesView) == Array("a\r\nb\r\0c\r\0\r\n".utf8))
    }

    @Test(arguments: [1, 2, 3, 8, 512])
    func blocksOfAnySizeConcatenateToTheWholeConversion(_ blockSize: Int) throws {
        let text = String(repeating: "line one\nline\rtwo\n\n", count: 40)
        var encoder = NetasciiEncoder(BufferByteSource(ByteBuffer(string: text)))
        var whole: [UInt8] = []
        while true {
            var block = ByteBuffer()
            _ = try encoder.read(upTo: blockSize, appendingTo: &block)
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
