/// A complete GUID partition table for one disk: encodes the protective MBR, primary header + entries
/// (LBA 1, 2…) and the backup entries + header (the last sectors), with their CRC32s.
public struct PartitionTable: Sendable, Equatable {
    public static let entryCount = 128
    public static let entrySize = 128

    public var diskGUID: GUID
    public var sectorSize: Int
    public var totalSectors: UInt64
    public var partitions: [Partition]

    public init(diskGUID: GUID, sectorSize: Int, totalSectors: UInt64, partitions: [Partition]) {
        self.diskGUID = diskGUID
        self.sectorSize = sectorSize
        self.totalSectors = totalSectors
        self.partitions = partitions
    }

    /// Sectors taken by the 128 × 128-byte entry array (32 for 512-byte sectors).
    public static func entrySectors(sectorSize: Int) -> UInt64 {
        UInt64((entryCount * entrySize + sectorSize - 1) / sectorSize)
    }

    public var entrySectors: UInt64 { PartitionTable.entrySectors(sectorSize: sectorSize) }
    public var firstUsableLBA: UInt64 { 2 + entrySectors }
    public var lastUsableLBA: UInt64 { totalSectors - 2 - entrySectors }
    /// Bytes at the start of the disk the table owns (MBR, primary header, primary entries).
    public var primaryRegionBytes: Int64 { Int64(firstUsableLBA) * Int64(sectorSize) }
    /// Bytes at the end of the disk the table owns (backup entries, backup header).
    public var backupRegionBytes: Int64 { Int64(entrySectors + 1) * Int64(sectorSize) }

    /// The bytes to write and where: the backup region first, then the primary region (LBA 1 on), then the
    /// protective MBR — so the old primary table stays valid until the new primary replaces it.
    public func encode() throws -> [DiskRegion] {
        try validate()
        let entries = entryArray()
        let entriesCRC = CRC32.checksum(entries)
        let primaryHeader = header(myLBA: 1, alternateLBA: totalSectors - 1, entriesLBA: 2, entriesCRC: entriesCRC)
        let backupEntriesLBA = totalSectors - 1 - entrySectors
        let backupHeader = header(myLBA: totalSectors - 1, alternateLBA: 1, entriesLBA: backupEntriesLBA, entriesCRC: entriesCRC)
        let padded = entries + [UInt8](repeating: 0, count: Int(entrySectors) * sectorSize - entries.count)
        return [
            DiskRegion(offset: Int64(backupEntriesLBA) * Int64(sectorSize), bytes: padded + backupHeader),
            DiskRegion(offset: Int64(sectorSize), bytes: primaryHeader + padded),
            DiskRegion(offset: 0, bytes: ProtectiveMBR.bytes(totalSectors: totalSectors, sectorSize: sectorSize)),
        ]
    }

    func entryArray() -> [UInt8] {
        var array = [UInt8](repeating: 0, count: PartitionTable.entryCount * PartitionTable.entrySize)
        for partition in partitions {
            let start = (partition.number - 1) * PartitionTable.entrySize
            array.replaceSubrange(start..<start + PartitionTable.entrySize, with: partition.entryBytes())
        }
        return array
    }

    func header(myLBA: UInt64, alternateLBA: UInt64, entriesLBA: UInt64, entriesCRC: UInt32) -> [UInt8] {
        var bytes = Array("EFI PART".utf8) + LittleEndian.bytes(UInt32(0x0001_0000)) + LittleEndian.bytes(UInt32(92))
        bytes += LittleEndian.bytes(UInt32(0)) + LittleEndian.bytes(UInt32(0))  // CRC placeholder, reserved
        bytes += LittleEndian.bytes(myLBA) + LittleEndian.bytes(alternateLBA)
        bytes += LittleEndian.bytes(firstUsableLBA) + LittleEndian.bytes(lastUsableLBA)
        bytes += diskGUID.diskBytes + LittleEndian.bytes(entriesLBA)
        bytes += LittleEndian.bytes(UInt32(PartitionTable.entryCount)) + LittleEndian.bytes(UInt32(PartitionTable.entrySize))
        bytes += LittleEndian.bytes(entriesCRC)
        bytes.replaceSubrange(16..<20, with: LittleEndian.bytes(CRC32.checksum(bytes)))
        return bytes + [UInt8](repeating: 0, count: sectorSize - bytes.count)
    }

    /// Throws when a partition lies outside the usable LBAs, overlaps another, or has a bad number or name.
    public func validate() throws {
        guard sectorSize >= 512, sectorSize.nonzeroBitCount == 1 else { throw DiskLayoutError.badSectorSize(sectorSize) }
        guard totalSectors > 2 * (entrySectors + 1) + 1 else {
            throw DiskLayoutError.diskTooSmall(required: Int64(2 * (entrySectors + 2)) * Int64(sectorSize),
                                               available: Int64(totalSectors) * Int64(sectorSize))
        }
        let sorted = partitions.sorted { $0.firstLBA < $1.firstLBA }
        for (index, p) in sorted.enumerated() {
            guard (1...PartitionTable.entryCount).contains(p.number) else { throw DiskLayoutError.badPartition(p.number, "number out of 1…128") }
            guard p.firstLBA >= firstUsableLBA, p.lastLBA <= lastUsableLBA, p.firstLBA <= p.lastLBA else {
                throw DiskLayoutError.badPartition(p.number, "LBA \(p.firstLBA)…\(p.lastLBA) outside usable \(firstUsableLBA)…\(lastUsableLBA)")
            }
            guard p.name.utf16.count <= 36 else { throw DiskLayoutError.badPartition(p.number, "name longer than 36 UTF-16 units") }
            if index > 0, sorted[index - 1].lastLBA >= p.firstLBA {
                throw DiskLayoutError.badPartition(p.number, "overlaps partition \(sorted[index - 1].number)")
            }
        }
        guard Set(partitions.map(\.number)).count == partitions.count else {
            throw DiskLayoutError.badPartition(0, "duplicate partition numbers")
        }
    }
}

/// Bytes destined for one place on a disk.
public struct DiskRegion: Sendable, Equatable {
    public var offset: Int64
    public var bytes: [UInt8]
}
