import Testing
@testable import TFTP

@Suite struct OptionNegotiationTests {
    let negotiation = OptionNegotiation(maximumBlockSize: 65464, maximumWindowSize: 64, defaultTimeout: .seconds(1))

    @Test func noOptionsMeansPlainRFC1350() throws {
        let parameters = try negotiation.negotiate([], fileSize: 10)
        #expect(parameters == TransferParameters(blockSize: 512, windowSize: 1, timeout: .seconds(1)))
    }

    @Test(arguments: [("8", 8), ("512", 512), ("1468", 1468), ("65464", 65464), ("70000", 65464), ("99999999", 65464)])
    func blockSizeIsGrantedUpToTheLimit(_ requested: String, _ granted: Int) throws {
        let parameters = try negotiation.negotiate([TFTPOption("blksize", requested)], fileSize: 1)
        #expect(parameters.blockSize == granted)
        #expect(parameters.acknowledgedOptions == [TFTPOption("blksize", String(granted))])
    }

    @Test func configuredMaximumCapsBlockSize() throws {
        let capped = OptionNegotiation(maximumBlockSize: 1468)
        #expect(try capped.negotiate([TFTPOption("blksize", "8192")], fileSize: 1).blockSize == 1468)
    }

    @Test(arguments: ["0", "7", "-1", "abc", ""])
    func blockSizeBelowEightOrNotANumberIsRefused(_ value: String) {
        #expect(throws: NegotiationError.blockSizeOutOfRange(value)) {
            try negotiation.negotiate([TFTPOption("blksize", value)], fileSize: 1)
        }
    }

    @Test func tsizeAnswersTheFileSizeAndIsOmittedWhenUnknown() throws {
        #expect(try negotiation.negotiate([TFTPOption("tsize", "0")], fileSize: 33_554_432).acknowledgedOptions
            == [TFTPOption("tsize", "33554432")])
        #expect(try negotiation.negotiate([TFTPOption("tsize", "0")], fileSize: nil).acknowledgedOptions.isEmpty)
    }

    @Test(arguments: [("1", true), ("255", true), ("0", false), ("256", false), ("x", false)])
    func timeoutFromOneTo255SecondsIsAccepted(_ value: String, _ accepted: Bool) throws {
        let parameters = try negotiation.negotiate([TFTPOption("timeout", value)], fileSize: 1)
        #expect(parameters.acknowledgedOptions.isEmpty == !accepted)
        #expect(parameters.timeout == (accepted ? .seconds(Int(value) ?? 0) : .seconds(1)))
    }

    @Test(arguments: [("1", 1), ("16", 16), ("64", 64), ("65535", 64)])
    func windowSizeIsGrantedUpToTheLimit(_ requested: String, _ granted: Int) throws {
        let parameters = try negotiation.negotiate([TFTPOption("windowsize", requested)], fileSize: 1)
        #expect(parameters.windowSize == granted)
        #expect(parameters.acknowledgedOptions == [TFTPOption("windowsize", String(granted))])
    }

    @Test(arguments: ["0", "65536", "many"])
    func invalidWindowSizeIsIgnored(_ value: String) throws {
        let parameters = try negotiation.negotiate([TFTPOption("windowsize", value)], fileSize: 1)
        #expect(parameters.windowSize == 1)
        #expect(parameters.acknowledgedOptions.isEmpty)
    }

    @Test func unknownAndDuplicateOptionsAreIgnoredAndOrderAndSpellingKept() throws {
        let parameters = try negotiation.negotiate([
            TFTPOption("multicast", ""), TFTPOption("TSIZE", "0"), TFTPOption("BlkSize", "1024"),
            TFTPOption("blksize", "2048"), TFTPOption("rollover", "0"),
        ], fileSize: 5)
        #expect(parameters.blockSize == 1024)
        #expect(parameters.acknowledgedOptions == [TFTPOption("TSIZE", "5"), TFTPOption("BlkSize", "1024")])
    }
}
