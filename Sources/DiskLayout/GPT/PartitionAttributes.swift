/// GPT entry attribute bits, including ChromeOS/CoreOS "gptprio" fields that pick the USR partition to boot:
/// priority in bits 48–51, tries left in 52–55, successful in bit 56.
public struct PartitionAttributes: Sendable, Equatable {
    public var bits: UInt64

    public init(bits: UInt64 = 0) { self.bits = bits }

    /// gptprio: higher boots first; 0 = not bootable.
    public init(priority: UInt8, tries: UInt8 = 0, successful: Bool) {
        bits = UInt64(priority & 0xF) << 48 | UInt64(tries & 0xF) << 52 | (successful ? 1 << 56 : 0)
    }

    public var priority: UInt8 { UInt8((bits >> 48) & 0xF) }
    public var tries: UInt8 { UInt8((bits >> 52) & 0xF) }
    public var successful: Bool { (bits >> 56) & 1 == 1 }
}
