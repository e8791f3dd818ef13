/// A 48-bit Ethernet address. Accepts `52:54:00:AB:CD:EF`, `52-54-00-ab-cd-ef` and `525400abcdef`;
/// its `description` is the normalised form stored and shown everywhere: lowercase, colon-separated.
public struct MACAddress: Hashable, Sendable, Comparable, CustomStringConvertible, Codable {
    public let bytes: [UInt8]

    public init?(_ text: String) {
        let trimmed = text.trimmingWhitespace()
        let hex: [Character]
        if trimmed.count == 17 {
            let separators = Set(trimmed.enumerated().filter { $0.offset % 3 == 2 }.map(\.element))
            guard separators == [":"] || separators == ["-"] else { return nil }
            hex = trimmed.enumerated().filter { $0.offset % 3 != 2 }.map(\.element)
        } else if trimmed.count == 12 {
            hex = Array(trimmed)
        } else {
            return nil
        }
        guard hex.allSatisfy(\.isHexDigit) else { return nil }
        var bytes: [UInt8] = []
        for i in stride(from: 0, to: 12, by: 2) {
            guard let byte = UInt8(String(hex[i...i + 1]), radix: 16) else { return nil }
            bytes.append(byte)
        }
        self.bytes = bytes
    }

    public init?(bytes: [UInt8]) {
        guard bytes.count == 6 else { return nil }
        self.bytes = bytes
    }

    public var description: String { bytes.map(\.hex2).joined(separator: ":") }
    /// iPXE's `${net0/mac:hexhyp}` spelling.
    public var hyphenated: String { bytes.map(\.hex2).joined(separator: "-") }

    public static func < (a: MACAddress, b: MACAddress) -> Bool { a.bytes.lexicographicallyPrecedes(b.bytes) }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let mac = MACAddress(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "invalid MAC address '\(text)'"))
        }
        self = mac
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}

extension UInt8 {
    var hex2: String {
        let digits = Array("0123456789abcdef")
        return String([digits[Int(self >> 4)], digits[Int(self & 0x0f)]])
    }
}

extension String {
    func trimmingWhitespace() -> Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) }) else { return "" }
        return self[start...end]
    }
}
