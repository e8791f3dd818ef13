import NIOCore

/// A DHCPv4 message (RFC 2131 §2): the fixed BOOTP header, the magic cookie, then options. Pure codec: parsing
/// never traps on hostile input (every length is checked) and encoding always yields a valid message.
public struct DHCPMessage: Equatable, Sendable {
    public enum Operation: UInt8, Sendable { case request = 1, reply = 2 }

    public var operation: Operation
    public var hardwareType: UInt8 = 1
    public var hops: UInt8 = 0
    public var transactionID: UInt32
    public var secondsElapsed: UInt16 = 0
    /// Flags bit 15: the client cannot receive unicast before it has an address.
    public var broadcast = false
    /// ciaddr: the client's current address (renewing, INFORM).
    public var clientAddress = IPv4Address.zero
    /// yiaddr: the address offered or assigned.
    public var yourAddress = IPv4Address.zero
    /// siaddr: the next server in bootstrap (TFTP), a.k.a. next-server.
    public var serverAddress = IPv4Address.zero
    /// giaddr: the relay agent's address, zero when the client is on our segment.
    public var relayAddress = IPv4Address.zero
    /// chaddr, `hlen` bytes long (6 for Ethernet).
    public var clientHardwareAddress: [UInt8]
    /// sname: optional server host name.
    public var serverName = ""
    /// file: the boot file name (TFTP path or, for HTTP boot, a URL).
    public var bootFile = ""
    public var options = DHCPOptions()

    static let magicCookie: [UInt8] = [99, 130, 83, 99]
    static let headerLength = 236
    /// BOOTP's minimum message size; some PXE ROMs drop shorter replies.
    static let minimumLength = 300

    public init(operation: Operation, transactionID: UInt32, clientHardwareAddress: [UInt8]) {
        self.operation = operation
        self.transactionID = transactionID
        self.clientHardwareAddress = clientHardwareAddress
    }

    public var messageType: DHCPMessageType? {
        get { options.messageType }
        set { options.messageType = newValue }
    }

    // MARK: - Parsing

    public init(parsing buffer: ByteBuffer) throws(DHCPParseError) {
        let bytes = Array(buffer.readableBytesView)
        guard bytes.count >= Self.headerLength + 4 else { throw .truncated(length: bytes.count) }
        guard let operation = Operation(rawValue: bytes[0]) else { throw .badOperation(bytes[0]) }
        guard bytes[2] <= 16 else { throw .badHardwareLength(bytes[2]) }
        guard Array(bytes[236..<240]) == Self.magicCookie else { throw .badMagicCookie }
        self.operation = operation
        hardwareType = bytes[1]
        hops = bytes[3]
        transactionID = Self.uint32(bytes, at: 4)
        secondsElapsed = UInt16(bytes[8]) << 8 | UInt16(bytes[9])
        broadcast = bytes[10] & 0x80 != 0
        clientAddress = IPv4Address(value: Self.uint32(bytes, at: 12))
        yourAddress = IPv4Address(value: Self.uint32(bytes, at: 16))
        serverAddress = IPv4Address(value: Self.uint32(bytes, at: 20))
        relayAddress = IPv4Address(value: Self.uint32(bytes, at: 24))
        clientHardwareAddress = Array(bytes[28..<(28 + Int(bytes[2]))])
        var options = DHCPOptions()
        try Self.readOptions(bytes[240...], into: &options)
        // RFC 2132 §9.3: `file` (1), `sname` (2) or both (3) hold more options; file's are read first.
        let overload = options[.overload]?.first ?? 0
        if overload & 1 != 0 { try Self.readOptions(bytes[108..<236], into: &options) } else { bootFile = Self.string(bytes[108..<236]) }
        if overload & 2 != 0 { try Self.readOptions(bytes[44..<108], into: &options) } else { serverName = Self.string(bytes[44..<108]) }
        options[.overload] = nil
        self.options = options
    }

    private static func readOptions(_ area: ArraySlice<UInt8>, into options: inout DHCPOptions) throws(DHCPParseError) {
        var index = area.startIndex
        while index < area.endIndex {
            let code = DHCPOptionCode(rawValue: area[index])
            if code == .end { return }
            if code == .pad { index += 1; continue }
            guard index + 1 < area.endIndex else { throw .optionOverrun(code: code.rawValue, offset: index) }
            let end = index + 2 + Int(area[index + 1])
            guard end <= area.endIndex else { throw .optionOverrun(code: code.rawValue, offset: index) }
            options.append(code, area[(index + 2)..<end])
            index = end
        }
    }

    private static func uint32(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        UInt32(networkOrder: bytes[offset..<(offset + 4)]) ?? 0  // the length is checked before any field is read
    }

    /// A NUL-terminated field as text; a field that is not UTF-8 reads as empty (it names nothing we could serve).
    private static func string(_ field: ArraySlice<UInt8>) -> String {
        String(validating: field.prefix { $0 != 0 }, as: UTF8.self) ?? ""
    }

    // MARK: - Encoding

    /// The wire form: header, cookie, options (53 first, long values split into 255-byte instances), END, padded
    /// to 300 bytes. `sname` and `file` longer than their fields are cut (callers keep them short).
    public func encoded(allocator: ByteBufferAllocator = ByteBufferAllocator()) -> ByteBuffer {
        var out = allocator.buffer(capacity: 576)
        out.writeInteger(operation.rawValue)
        out.writeInteger(hardwareType)
        out.writeInteger(UInt8(min(clientHardwareAddress.count, 16)))
        out.writeInteger(hops)
        out.writeInteger(transactionID)
        out.writeInteger(secondsElapsed)
        out.writeInteger(UInt16(broadcast ? 0x8000 : 0))
        for address in [clientAddress, yourAddress, serverAddress, relayAddress] { out.writeInteger(address.value) }
        Self.writeField(clientHardwareAddress, length: 16, to: &out)
        Self.writeField(Array(serverName.utf8), length: 64, to: &out)
        Self.writeField(Array(bootFile.utf8), length: 128, to: &out)
        out.writeBytes(Self.magicCookie)
        let ordered = options.entries.filter { $0.code == .messageType } + options.entries.filter { $0.code != .messageType }
        for (code, data) in ordered where code != .pad && code != .end {
            var rest = data[...]
            repeat {
                let piece = rest.prefix(255)
                out.writeInteger(code.rawValue)
                out.writeInteger(UInt8(piece.count))
                out.writeBytes(piece)
                rest = rest.dropFirst(piece.count)
            } while !rest.isEmpty
        }
        out.writeInteger(DHCPOptionCode.end.rawValue)
        if out.readableBytes < Self.minimumLength { out.writeRepeatingByte(0, count: Self.minimumLength - out.readableBytes) }
        return out
    }

    private static func writeField(_ bytes: [UInt8], length: Int, to out: inout ByteBuffer) {
        let kept = bytes.prefix(length)
        out.writeBytes(kept)
        out.writeRepeatingByte(0, count: length - kept.count)
    }
}
