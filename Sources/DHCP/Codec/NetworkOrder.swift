/// 32-bit fields in network byte order (addresses, lease times, xid): one conversion for the codec.
extension UInt32 {
    /// The value of exactly four bytes, most significant first; nil for any other count.
    init?(networkOrder bytes: some Collection<UInt8>) {
        guard bytes.count == 4 else { return nil }
        self = bytes.reduce(0) { $0 << 8 | UInt32($1) }
    }

    var networkOrderBytes: [UInt8] {
        [UInt8(self >> 24), UInt8(truncatingIfNeeded: self >> 16), UInt8(truncatingIfNeeded: self >> 8), UInt8(truncatingIfNeeded: self)]
    }
}
