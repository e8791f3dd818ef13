/// Why bytes are not a DHCP message. Offsets are from the start of the UDP payload.
public enum DHCPParseError: Error, Equatable, CustomStringConvertible {
    /// Shorter than the fixed BOOTP header plus the magic cookie (240 bytes).
    case truncated(length: Int)
    case badMagicCookie
    /// An option's length runs past the end of the area it is in.
    case optionOverrun(code: UInt8, offset: Int)
    /// `op` is neither BOOTREQUEST (1) nor BOOTREPLY (2).
    case badOperation(UInt8)
    /// `hlen` larger than the 16-byte `chaddr` field.
    case badHardwareLength(UInt8)

    public var description: String {
        switch self {
        case .truncated(let length): "truncated: \(length) bytes, a DHCP message has at least 240"
        case .badMagicCookie: "no DHCP magic cookie (plain BOOTP is not served)"
        case .optionOverrun(let code, let offset): "option \(code) at offset \(offset) runs past the end of the message"
        case .badOperation(let op): "op \(op) is neither BOOTREQUEST nor BOOTREPLY"
        case .badHardwareLength(let length): "hardware address length \(length) exceeds 16"
        }
    }
}
