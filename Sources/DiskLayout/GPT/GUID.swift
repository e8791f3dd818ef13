/// A GPT GUID. Text form is `C12A7328-F81F-11D2-BA4B-00A0C93EC93B`; on disk the first three fields are
/// little-endian and the last two big-endian (the "mixed-endian" UEFI encoding).
public struct GUID: Sendable, Hashable, CustomStringConvertible {
    /// The 16 bytes in text order (as the hex digits read left to right).
    public let textBytes: [UInt8]

    public init?(_ text: String) {
        let hex = text.filter { $0 != "-" }
        guard text.count == 36, hex.count == 32, [8, 13, 18, 23].allSatisfy({ text[text.index(text.startIndex, offsetBy: $0)] == "-" })
        else { return nil }
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            guard let byte = UInt8(hex[index..<next], radix: 16) else { return nil }
            bytes.append(byte)
            index = next
        }
        textBytes = bytes
    }

    init(textBytes: [UInt8]) { self.textBytes = textBytes }

    public static let zero = GUID(textBytes: Array(repeating: 0, count: 16))

    /// A random version-4 GUID.
    public static func random() -> GUID {
        var generator = SystemRandomNumberGenerator()
        return random(using: &generator)
    }

    public static func random(using generator: inout some RandomNumberGenerator) -> GUID {
        var bytes = (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        return GUID(textBytes: bytes)
    }

    /// The 16 bytes as stored in a GPT header or entry.
    public var diskBytes: [UInt8] {
        let b = textBytes
        return [b[3], b[2], b[1], b[0], b[5], b[4], b[7], b[6]] + b[8..<16]
    }

    public var description: String {
        let hex = textBytes.map { byte in
            let digits = String(byte, radix: 16, uppercase: true)
            return digits.count == 1 ? "0" + digits : digits
        }.joined()
        let chars = Array(hex)
        return [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(chars[$0]) }.joined(separator: "-")
    }
}
