/// New token ids: 128 bits from the system's cryptographic RNG, as 32 lowercase hex digits.
enum TokenGenerator {
    static func make() -> String {
        var rng = SystemRandomNumberGenerator()
        return (0..<2).map { _ in hex(rng.next() as UInt64) }.joined()
    }

    private static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// True for the shape `make()` produces.
    static func isWellFormed(_ token: String) -> Bool {
        token.utf8.count == 32 && token.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }
}
