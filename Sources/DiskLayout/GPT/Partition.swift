/// One GPT entry: where it lies (inclusive LBAs), what it is and what it is called.
public struct Partition: Sendable, Equatable {
    /// 1-based entry number (`/dev/sda3` is number 3).
    public var number: Int
    public var type: GUID
    public var guid: GUID
    public var firstLBA: UInt64
    public var lastLBA: UInt64
    public var attributes: PartitionAttributes
    /// At most 36 UTF-16 code units.
    public var name: String

    public init(number: Int, type: GUID, guid: GUID, firstLBA: UInt64, lastLBA: UInt64,
                attributes: PartitionAttributes = PartitionAttributes(), name: String) {
        self.number = number
        self.type = type
        self.guid = guid
        self.firstLBA = firstLBA
        self.lastLBA = lastLBA
        self.attributes = attributes
        self.name = name
    }

    public var sectorCount: UInt64 { lastLBA - firstLBA + 1 }

    /// The 128-byte GPT entry.
    func entryBytes() -> [UInt8] {
        var bytes = type.diskBytes + guid.diskBytes
        bytes += LittleEndian.bytes(firstLBA) + LittleEndian.bytes(lastLBA) + LittleEndian.bytes(attributes.bits)
        var name = Array(self.name.utf16.prefix(36)).flatMap { LittleEndian.bytes($0) }
        name += Array(repeating: 0, count: 72 - name.count)
        return bytes + name
    }
}

enum LittleEndian {
    static func bytes<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
        (0..<MemoryLayout<T>.size).map { UInt8(truncatingIfNeeded: value >> ($0 * 8)) }
    }
}
