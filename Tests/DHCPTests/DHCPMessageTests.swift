@testable import DHCP
import NIOCore
import ProvisionModel
import Testing

/// A DISCOVER the way a BIOS PXE ROM (Intel UNDI 2.1) sends it, byte for byte from the PXE spec's layout.
func romDiscover(architecture: UInt16 = 0, vendorClass: String = "PXEClient:Arch:00000:UNDI:002001",
                 userClass: [UInt8]? = nil, type: DHCPMessageType = .discover) -> [UInt8] {
    var bytes: [UInt8] = [1, 1, 6, 0, 0xde, 0xad, 0xbe, 0xef, 0, 4, 0x80, 0]
    bytes += [UInt8](repeating: 0, count: 16)                       // ciaddr, yiaddr, siaddr, giaddr
    bytes += [0x52, 0x54, 0x00, 0x12, 0x34, 0x56] + [UInt8](repeating: 0, count: 10)
    bytes += [UInt8](repeating: 0, count: 64 + 128)                 // sname, file
    bytes += [99, 130, 83, 99]
    bytes += [53, 1, type.rawValue]
    bytes += [57, 2, 0x04, 0xec]                                    // max message size 1260
    bytes += [55, 7, 1, 3, 43, 60, 66, 67, 128]
    bytes += [93, 2, UInt8(architecture >> 8), UInt8(architecture & 0xff)]
    bytes += [94, 3, 1, 2, 1]
    bytes += [97, 17, 0] + (1...16).map { UInt8($0) }
    bytes += [60, UInt8(vendorClass.utf8.count)] + Array(vendorClass.utf8)
    if let userClass { bytes += [77, UInt8(userClass.count)] + userClass }
    bytes += [255]
    return bytes
}

@Suite struct DHCPMessageTests {
    @Test func parsesAPXEROMDiscover() throws {
        let message = try DHCPMessage(parsing: ByteBuffer(bytes: romDiscover()))
        #expect(message.operation == .request)
        #expect(message.transactionID == 0xdeadbeef)
        #expect(message.secondsElapsed == 4)
        #expect(message.broadcast)
        #expect(message.mac == MACAddress("52:54:00:12:34:56"))
        #expect(message.messageType == .discover)
        #expect(message.options.clientArchitecture == 0)
        #expect(message.options.text(.vendorClass) == "PXEClient:Arch:00000:UNDI:002001")
        #expect(message.options[.clientMachineID]?.count == 17)
        #expect(message.bootFile.isEmpty && message.serverName.isEmpty)
    }

    @Test func encodingRoundTripsAndPadsToTheBOOTPMinimum() throws {
        let parsed = try DHCPMessage(parsing: ByteBuffer(bytes: romDiscover()))
        var reply = parsed
        reply.operation = .reply
        reply.yourAddress = IPv4Address(10, 0, 0, 100)
        reply.serverAddress = IPv4Address(10, 0, 0, 1)
        reply.bootFile = "undionly.kpxe"
        reply.options.setSeconds(.leaseTime, 3600)
        let wire = reply.encoded()
        #expect(wire.readableBytes >= 300)
        let again = try DHCPMessage(parsing: wire)
        #expect(again == reply)
        #expect(again.options.seconds(.leaseTime) == 3600)
        #expect(Array(wire.readableBytesView)[240...242] == [53, 1, DHCPMessageType.discover.rawValue])  // 53 first
    }

    /// RFC 3396: a value over 255 bytes goes out as consecutive instances and comes back whole.
    @Test func longOptionsAreSplitAndJoined() throws {
        var message = DHCPMessage(operation: .reply, transactionID: 1, clientHardwareAddress: [1, 2, 3, 4, 5, 6])
        let long = (0..<600).map { UInt8(truncatingIfNeeded: $0) }
        message.options[.vendorSpecific] = long
        let wire = message.encoded()
        #expect(Array(wire.readableBytesView).count > 600)
        #expect(try DHCPMessage(parsing: wire).options[.vendorSpecific] == long)
    }

    /// RFC 2132 §9.3: with option 52 = 3, `file` and `sname` carry options, not names.
    @Test func overloadedFileAndSnameFieldsAreReadAsOptions() throws {
        var bytes = romDiscover()
        bytes.removeLast()                                    // END
        bytes += [52, 1, 3, 255]
        bytes.replaceSubrange(108..<112, with: [12, 2, 0x68, 0x69])   // file: host name "hi"
        bytes.replaceSubrange(44..<48, with: [15, 2, 0x6c, 0x61])     // sname: domain name "la"
        bytes[112] = 255
        bytes[48] = 255
        let message = try DHCPMessage(parsing: ByteBuffer(bytes: bytes))
        #expect(message.options.text(.hostName) == "hi")
        #expect(message.options.text(.domainName) == "la")
        #expect(message.bootFile.isEmpty && message.options[.overload] == nil)
    }

    /// Found by the fuzzer: a message whose option 53 is not first, and an `sname` of invalid UTF-8 filling its
    /// field, must still parse back equal after encoding.
    @Test func optionOrderAndNonUTF8NamesSurviveARoundTrip() throws {
        var bytes = romDiscover()
        bytes.replaceSubrange(240..<243, with: [12, 1, 0x41])         // host name where 53 was
        bytes.insert(contentsOf: [53, 1, 1], at: bytes.count - 1)     // 53 last
        bytes.replaceSubrange(44..<108, with: [UInt8](repeating: 0xff, count: 64))
        let message = try DHCPMessage(parsing: ByteBuffer(bytes: bytes))
        #expect(message.serverName.isEmpty)
        #expect(try DHCPMessage(parsing: message.encoded()) == message)
    }

    @Test func malformedMessagesAreTypedErrors() {
        let good = romDiscover()
        #expect(throws: DHCPParseError.truncated(length: 100)) { try DHCPMessage(parsing: ByteBuffer(bytes: good.prefix(100))) }
        var cookie = good
        cookie[237] = 0
        #expect(throws: DHCPParseError.badMagicCookie) { try DHCPMessage(parsing: ByteBuffer(bytes: cookie)) }
        var op = good
        op[0] = 3
        #expect(throws: DHCPParseError.badOperation(3)) { try DHCPMessage(parsing: ByteBuffer(bytes: op)) }
        var hlen = good
        hlen[2] = 17
        #expect(throws: DHCPParseError.badHardwareLength(17)) { try DHCPMessage(parsing: ByteBuffer(bytes: hlen)) }
        let overrun = Array(good.prefix(240)) + [60, 40, 65, 66]
        #expect(throws: DHCPParseError.optionOverrun(code: 60, offset: 240)) { try DHCPMessage(parsing: ByteBuffer(bytes: overrun)) }
        #expect(throws: DHCPParseError.optionOverrun(code: 61, offset: 240)) { try DHCPMessage(parsing: ByteBuffer(bytes: good.prefix(240) + [61])) }
    }

    /// Random mutations of a real message: parsing either succeeds or throws, never traps; what parses re-encodes.
    @Test func mutatedMessagesNeverTrap() {
        var generator = SystemRandomNumberGenerator()
        let good = romDiscover(userClass: Array("iPXE".utf8))
        for _ in 0..<20_000 {
            var bytes = good
            for _ in 0..<Int.random(in: 1...8, using: &generator) {
                bytes[Int.random(in: 0..<bytes.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
            }
            if Bool.random(using: &generator) { bytes = Array(bytes.prefix(Int.random(in: 0...bytes.count, using: &generator))) }
            if let message = try? DHCPMessage(parsing: ByteBuffer(bytes: bytes)) {
                _ = BootClient(message.options)
                #expect((try? DHCPMessage(parsing: message.encoded())) != nil)
            }
        }
    }

    @Test(arguments: [("10.0.0.1", true), ("255.255.255.255", true), ("10.0.0", false), ("10.0.0.256", false),
                      ("10..0.1", false), ("+1.0.0.1", false), ("1.2.3.4.5", false)])
    func dottedQuads(text: String, valid: Bool) {
        #expect((IPv4Address(text) != nil) == valid)
        if valid { #expect(IPv4Address(text)?.description == text) }
    }
}
