@testable import BootServer
import Testing

@Suite struct ByteRangeTests {
    @Test(arguments: [
        ("bytes=0-0", ByteRange.partial(0...0)), ("bytes=0-99", .partial(0...99)), ("bytes=10-", .partial(10...99)),
        ("bytes=-1", .partial(99...99)), ("bytes=-500", .partial(0...99)), ("bytes=50-5000", .partial(50...99)),
        ("bytes=100-", .unsatisfiable), ("bytes=5-4", .unsatisfiable), ("bytes=-0", .unsatisfiable), ("bytes=x-1", .unsatisfiable),
        ("bytes=0-1,5-6", .whole), ("items=0-1", .whole),
    ])
    func parsesAgainstAHundredBytes(header: String, expected: ByteRange) {
        #expect(ByteRange.parse(header, size: 100) == expected)
    }

    @Test func noHeaderServesWhole() {
        #expect(ByteRange.parse(nil, size: 100) == .whole)
        #expect(ByteRange.parse("bytes=0-", size: 0) == .unsatisfiable)
    }
}
