/// A 48-bit Ethernet address. Accepts `52:54:00:AB:CD:EF`, `52-54-00-ab-cd-ef` and `525400abcdef`;
/// its `description` is the normalised form stored and shown everywhere: lowercase, colon-separated.
public struct MACAddress: Hashable, Sendable, Comparable, CustomStringConvertible, Codable {
    public let bytes: [UInt8]

    public init?(_ text: String) {
        // Over UTF-8 bytes: every boot request parses one, so no Character or String work per digit.
        var utf8 = text.trimmingWhitespace().utf8[...]
        let separated = utf8.count == 17
        guard separated || utf8.count == 12 else { return nil }
        let separator = separated ? utf8[utf8.index(utf8.startIndex, offsetBy: 2)] : 0
        guard !separated || separator == UInt8(ascii: ":") || separator == UInt8(ascii: "-") else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(6)
        for index in 0..<6 {
            if separated, index > 0 {
                guard utf8.popFirst() == separator else { return nil }
            }
            guard let high = utf8.popFirst().flatMap(Self.nibble), let low = utf8.popFirst().flatMap(Self.nibble) else { return nil }
            bytes.append(high << 4 | low)
        }
        self.bytes = bytes
    }

    private static func nibble(_ ascii: UInt8) -> UInt8? {
        switch ascii {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): ascii - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): ascii - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): ascii - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    public init?(bytes: [UInt8]) {
        guard bytes.count == 6 else { return nil }
        self.bytes = bytes
    }

    public var description: String { spelled(separator: UInt8(ascii: ":")) }
    /// iPXE's `${net0/mac:hexhyp}` spelling.
    public var hyphenated: String { spelled(separator: UInt8(ascii: "-")) }

    private func spelled(separator: UInt8) -> String {
        String(unsafeUninitializedCapacity: 17) { buffer in
            let digits: StaticString = "0123456789abcdef"
            for (index, byte) in bytes.enumerated() {
                let at = index * 3
                buffer[at] = digits.utf8Start[Int(byte >> 4)]
                buffer[at + 1] = digits.utf8Start[Int(byte & 0x0f)]
                if index < 5 { buffer[at + 2] = separator }
            }
            return 17
        }
    }

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

extension String {
    func trimmingWhitespace() -> Substring {
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0a || $0 == 0x0d }
        guard let start = utf8.firstIndex(where: { !isSpace($0) }), let end = utf8.lastIndex(where: { !isSpace($0) }) else { return "" }
        return self[start...end]
    }
}
