import NIOCore

/// One TFTP packet (RFC 1350, with OACK from RFC 2347). Parse with `init(parsing:)`, encode with
/// `write(to:)`; neither touches a socket.
public enum TFTPPacket: Hashable, Sendable {
    case readRequest(TFTPRequest)
    case writeRequest(TFTPRequest)
    case data(block: UInt16, payload: ByteBuffer)
    case acknowledgement(block: UInt16)
    case error(code: TFTPErrorCode, message: String)
    case optionAcknowledgement([TFTPOption])

    /// The most options a request or OACK may carry; more is treated as malformed.
    public static let maximumOptionCount = 32

    /// The two-byte opcode that starts every packet.
    public enum Opcode: UInt16, Sendable {
        case readRequest = 1, writeRequest, data, acknowledgement, error, optionAcknowledgement
    }

    public var opcode: Opcode {
        switch self {
        case .readRequest: .readRequest
        case .writeRequest: .writeRequest
        case .data: .data
        case .acknowledgement: .acknowledgement
        case .error: .error
        case .optionAcknowledgement: .optionAcknowledgement
        }
    }
}

// MARK: - Parsing

extension TFTPPacket {
    /// Parses one whole datagram. Consumes `buffer`; throws `TFTPParseError` saying what and where.
    ///
    /// Lenient where real clients are sloppy: trailing bytes after an ACK are ignored, and NUL
    /// padding after a request's last option is ignored.
    public init(parsing buffer: inout ByteBuffer) throws(TFTPParseError) {
        var reader = FieldReader(buffer: buffer)
        let rawOpcode = try reader.readUInt16(field: "opcode")
        guard let opcode = Opcode(rawValue: rawOpcode) else { throw .unknownOpcode(rawOpcode) }
        switch opcode {
        case .readRequest: self = .readRequest(try reader.readRequest())
        case .writeRequest: self = .writeRequest(try reader.readRequest())
        case .data:
            let block = try reader.readUInt16(field: "block number")
            self = .data(block: block, payload: reader.rest())
        case .acknowledgement:
            self = .acknowledgement(block: try reader.readUInt16(field: "block number"))
        case .error:
            let code = TFTPErrorCode(rawValue: try reader.readUInt16(field: "error code"))
            self = .error(code: code, message: try reader.readString(field: "error message"))
        case .optionAcknowledgement:
            self = .optionAcknowledgement(try reader.readOptions())
        }
        buffer.moveReaderIndex(forwardBy: buffer.readableBytes)
    }
}

/// Reads NUL-terminated fields and tracks offsets for error messages.
private struct FieldReader {
    var buffer: ByteBuffer
    let start: Int

    init(buffer: ByteBuffer) {
        self.buffer = buffer
        self.start = buffer.readerIndex
    }

    var offset: Int { buffer.readerIndex - start }

    mutating func readUInt16(field: String) throws(TFTPParseError) -> UInt16 {
        guard let value = buffer.readInteger(as: UInt16.self) else {
            throw .truncated(field: field, offset: offset)
        }
        return value
    }

    mutating func readString(field: String) throws(TFTPParseError) -> String {
        let fieldOffset = offset
        guard let end = buffer.readableBytesView.firstIndex(of: 0) else {
            throw .missingTerminator(field: field, offset: fieldOffset)
        }
        let length = end - buffer.readerIndex
        guard let text = buffer.readString(length: length) else {
            throw .truncated(field: field, offset: fieldOffset)
        }
        buffer.moveReaderIndex(forwardBy: 1)
        // ByteBuffer.readString decodes leniently; insist on valid UTF-8 so names compare exactly.
        guard text.utf8.count == length, !text.unicodeScalars.contains("\u{FFFD}") else {
            throw .invalidText(field: field, offset: fieldOffset)
        }
        return text
    }

    mutating func readRequest() throws(TFTPParseError) -> TFTPRequest {
        let filename = try readString(field: "file name")
        guard !filename.isEmpty else { throw .emptyFilename }
        let modeName = try readString(field: "mode")
        guard let mode = TFTPTransferMode(name: modeName) else { throw .unknownMode(modeName) }
        return TFTPRequest(filename: filename, mode: mode, options: try readOptions())
    }

    mutating func readOptions() throws(TFTPParseError) -> [TFTPOption] {
        var options: [TFTPOption] = []
        while buffer.readableBytes > 0, !buffer.readableBytesView.allSatisfy({ $0 == 0 }) {
            guard options.count < TFTPPacket.maximumOptionCount else {
                throw .tooManyOptions(limit: TFTPPacket.maximumOptionCount)
            }
            let nameOffset = offset
            let name = try readString(field: "option name")
            guard !name.isEmpty else { throw .emptyOptionName(offset: nameOffset) }
            guard buffer.readableBytes > 0 else { throw .optionWithoutValue(name: name, offset: nameOffset) }
            options.append(TFTPOption(name, try readString(field: "value of option '\(name)'")))
        }
        return options
    }

    mutating func rest() -> ByteBuffer {
        buffer.readSlice(length: buffer.readableBytes) ?? ByteBuffer()
    }
}

// MARK: - Encoding

extension TFTPPacket {
    /// Appends the packet's bytes to `buffer`.
    public func write(to buffer: inout ByteBuffer) {
        buffer.writeInteger(opcode.rawValue)
        switch self {
        case .readRequest(let request), .writeRequest(let request):
            buffer.writeNULTerminated(request.filename)
            buffer.writeNULTerminated(request.mode.rawValue)
            buffer.writeOptions(request.options)
        case .data(let block, let payload):
            buffer.writeInteger(block)
            buffer.writeImmutableBuffer(payload)
        case .acknowledgement(let block):
            buffer.writeInteger(block)
        case .error(let code, let message):
            buffer.writeInteger(code.rawValue)
            buffer.writeNULTerminated(message)
        case .optionAcknowledgement(let options):
            buffer.writeOptions(options)
        }
    }

    /// The packet's bytes in a new buffer.
    public func encoded(allocator: ByteBufferAllocator = ByteBufferAllocator()) -> ByteBuffer {
        var buffer = allocator.buffer(capacity: encodedSizeHint)
        write(to: &buffer)
        return buffer
    }

    private var encodedSizeHint: Int {
        switch self {
        case .data(_, let payload): 4 + payload.readableBytes
        case .acknowledgement: 4
        default: 128
        }
    }
}

extension ByteBuffer {
    fileprivate mutating func writeNULTerminated(_ text: String) {
        writeString(text)
        writeInteger(UInt8(0))
    }

    fileprivate mutating func writeOptions(_ options: [TFTPOption]) {
        for option in options {
            writeNULTerminated(option.name)
            writeNULTerminated(option.value)
        }
    }
}
