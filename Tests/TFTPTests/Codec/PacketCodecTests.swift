import NIOCore
import Testing
@testable import TFTP

@Suite struct PacketCodecTests {
    static let roundTripCases: [TFTPPacket] = [
        .readRequest(TFTPRequest(filename: "undionly.kpxe", mode: .octet)),
        .readRequest(TFTPRequest(filename: "boot/vmlinuz", mode: .netascii,
                                 options: [TFTPOption("blksize", "1468"), TFTPOption("tsize", "0"),
                                           TFTPOption("windowsize", "16"), TFTPOption("timeout", "3")])),
        .writeRequest(TFTPRequest(filename: "upload.bin", mode: .octet)),
        .data(block: 1, payload: ByteBuffer(repeating: 0xAB, count: 512)),
        .data(block: 65535, payload: ByteBuffer()),
        .acknowledgement(block: 0),
        .acknowledgement(block: 65535),
        .error(code: .fileNotFound, message: "file not found"),
        .error(code: TFTPErrorCode(rawValue: 42), message: ""),
        .optionAcknowledgement([TFTPOption("blksize", "65464"), TFTPOption("tsize", "33554432")]),
    ]

    @Test(arguments: roundTripCases)
    func encodedPacketParsesBackToItself(_ packet: TFTPPacket) throws {
        var bytes = packet.encoded()
        #expect(try TFTPPacket(parsing: &bytes) == packet)
    }

    @Test func readRequestHasTheRFCByteLayout() {
        let packet = TFTPPacket.readRequest(TFTPRequest(filename: "a", mode: .octet, options: [TFTPOption("blksize", "8")]))
        #expect(Array(packet.encoded().readableBytesView) == [0, 1, 97, 0] + Array("octet".utf8) + [0]
            + Array("blksize".utf8) + [0, 56, 0])
    }

    @Test(arguments: TFTPErrorCode.rfcCodes)
    func everyRFCErrorCodeRoundTrips(_ code: TFTPErrorCode) throws {
        var bytes = TFTPPacket.error(code: code, message: code.description).encoded()
        #expect(try TFTPPacket(parsing: &bytes) == .error(code: code, message: code.description))
        #expect(code.rawValue <= 8)
    }

    @Test func modeIsCaseInsensitive() throws {
        var bytes = ByteBuffer(bytes: [0, 1] + Array("f\0OcTeT\0".utf8))
        #expect(try TFTPPacket(parsing: &bytes) == .readRequest(TFTPRequest(filename: "f", mode: .octet)))
    }

    @Test func nulPaddingAfterOptionsIsIgnored() throws {
        var bytes = ByteBuffer(bytes: [0, 1] + Array("f\0octet\0tsize\00\0".utf8) + [0, 0, 0])
        #expect(try TFTPPacket(parsing: &bytes)
            == .readRequest(TFTPRequest(filename: "f", mode: .octet, options: [TFTPOption("tsize", "0")])))
    }

    @Test func trailingBytesAfterAnAckAreIgnored() throws {
        var bytes = ByteBuffer(bytes: [0, 4, 1, 2, 9, 9])
        #expect(try TFTPPacket(parsing: &bytes) == .acknowledgement(block: 0x0102))
    }

    struct Malformed: CustomTestStringConvertible, Sendable {
        let name: String
        let bytes: [UInt8]
        let error: TFTPParseError
        var testDescription: String { name }
    }

    static let malformedCases: [Malformed] = [
        Malformed(name: "empty datagram", bytes: [], error: .truncated(field: "opcode", offset: 0)),
        Malformed(name: "one byte", bytes: [0], error: .truncated(field: "opcode", offset: 0)),
        Malformed(name: "unknown opcode", bytes: [0, 9], error: .unknownOpcode(9)),
        Malformed(name: "opcode zero", bytes: [0, 0, 1, 2], error: .unknownOpcode(0)),
        Malformed(name: "request without file name", bytes: [0, 1],
                  error: .missingTerminator(field: "file name", offset: 2)),
        Malformed(name: "file name without NUL", bytes: [0, 1] + Array("boot.ipxe".utf8),
                  error: .missingTerminator(field: "file name", offset: 2)),
        Malformed(name: "empty file name", bytes: [0, 1, 0] + Array("octet\0".utf8), error: .emptyFilename),
        Malformed(name: "mode without NUL", bytes: [0, 1] + Array("f\0octet".utf8),
                  error: .missingTerminator(field: "mode", offset: 4)),
        Malformed(name: "missing mode", bytes: [0, 2] + Array("f\0".utf8),
                  error: .missingTerminator(field: "mode", offset: 4)),
        Malformed(name: "unknown mode", bytes: [0, 1] + Array("f\0binary\0".utf8), error: .unknownMode("binary")),
        Malformed(name: "file name not UTF-8", bytes: [0, 1, 0xFF, 0xFE, 0] + Array("octet\0".utf8),
                  error: .invalidText(field: "file name", offset: 2)),
        Malformed(name: "option without value", bytes: [0, 1] + Array("f\0octet\0blksize\0".utf8),
                  error: .optionWithoutValue(name: "blksize", offset: 10)),
        Malformed(name: "option value without NUL", bytes: [0, 1] + Array("f\0octet\0blksize\01468".utf8),
                  error: .missingTerminator(field: "value of option 'blksize'", offset: 18)),
        Malformed(name: "empty option name", bytes: [0, 1] + Array("f\0octet\0\0x\0".utf8),
                  error: .emptyOptionName(offset: 10)),
        Malformed(name: "huge option list",
                  bytes: [0, 1] + Array("f\0octet\0".utf8) + (0..<40).flatMap { Array("opt\($0)\01\0".utf8) },
                  error: .tooManyOptions(limit: TFTPPacket.maximumOptionCount)),
        Malformed(name: "data without block number", bytes: [0, 3, 1],
                  error: .truncated(field: "block number", offset: 2)),
        Malformed(name: "ack without block number", bytes: [0, 4],
                  error: .truncated(field: "block number", offset: 2)),
        Malformed(name: "error without code", bytes: [0, 5, 0], error: .truncated(field: "error code", offset: 2)),
        Malformed(name: "error message without NUL", bytes: [0, 5, 0, 1] + Array("oops".utf8),
                  error: .missingTerminator(field: "error message", offset: 4)),
        Malformed(name: "OACK value without NUL", bytes: [0, 6] + Array("blksize\0512".utf8),
                  error: .missingTerminator(field: "value of option 'blksize'", offset: 10)),
    ]

    @Test(arguments: malformedCases)
    func malformedPacketThrowsTypedErrorSayingWhere(_ testCase: Malformed) {
        var bytes = ByteBuffer(bytes: testCase.bytes)
        #expect(throws: testCase.error) { try TFTPPacket(parsing: &bytes) }
    }

    @Test func parseErrorsDescribeFieldAndOffset() {
        #expect(TFTPParseError.missingTerminator(field: "mode", offset: 4).description
            == "mode at byte 4 has no NUL terminator")
    }
}

extension TFTPErrorCode {
    static let rfcCodes: [TFTPErrorCode] = [
        .notDefined, .fileNotFound, .accessViolation, .diskFull, .illegalOperation,
        .unknownTransferID, .fileAlreadyExists, .noSuchUser, .optionNegotiationFailed,
    ]
}
