/// Per-boot secrets handed to a machine's installer, and their comparison.
enum InstallToken {
    /// 128 random bits as 32 lowercase hex digits.
    static func generate() -> String {
        var rng = SystemRandomNumberGenerator()
        return (0..<16).map { _ in UInt8.random(in: 0...255, using: &rng) }
            .map { String($0, radix: 16).leftPadded(to: 2) }.joined()
    }

    /// Compares without an early exit, so timing does not reveal how much of a guess was right.
    static func matches(_ given: String, _ expected: String) -> Bool {
        let a = Array(given.utf8), b = Array(expected.utf8)
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
