/// Why bytes did not parse as a TFTP packet. Offsets count from the start of the packet.
public enum TFTPParseError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The packet ended while reading `field`.
    case truncated(field: String, offset: Int)
    /// A NUL-terminated `field` starting at `offset` has no NUL before the packet ends.
    case missingTerminator(field: String, offset: Int)
    /// The opcode is none of RRQ, WRQ, DATA, ACK, ERROR, OACK.
    case unknownOpcode(UInt16)
    /// A request's mode is not netascii, octet or mail.
    case unknownMode(String)
    /// A request's file name is empty.
    case emptyFilename
    /// `field` at `offset` is not valid UTF-8.
    case invalidText(field: String, offset: Int)
    /// An option name at `offset` is empty.
    case emptyOptionName(offset: Int)
    /// An option name is followed by the end of the packet instead of a value.
    case optionWithoutValue(name: String, offset: Int)
    /// More options than `limit` (a defence against huge option lists).
    case tooManyOptions(limit: Int)

    public var description: String {
        switch self {
        case .truncated(let field, let offset): "packet truncated in \(field) at byte \(offset)"
        case .missingTerminator(let field, let offset): "\(field) at byte \(offset) has no NUL terminator"
        case .unknownOpcode(let opcode): "unknown opcode \(opcode)"
        case .unknownMode(let mode): "unknown transfer mode '\(mode)' (expected netascii or octet)"
        case .emptyFilename: "empty file name"
        case .invalidText(let field, let offset): "\(field) at byte \(offset) is not valid UTF-8"
        case .emptyOptionName(let offset): "empty option name at byte \(offset)"
        case .optionWithoutValue(let name, let offset): "option '\(name)' at byte \(offset) has no value"
        case .tooManyOptions(let limit): "more than \(limit) options"
        }
    }
}
