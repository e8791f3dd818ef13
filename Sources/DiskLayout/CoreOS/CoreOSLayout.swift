/// Sizes and places the CoreOS/Flatcar partitions on a disk of a given size.
///
/// Policy (all sizes whole MiB, every partition starts on a MiB boundary, the first at 1 MiB):
/// - USR-A and USR-B: at least the (uncompressed) image rounded up to a MiB; they grow toward Flatcar's 1 GiB
///   with a quarter of the spare space each, so A/B updates have room on real disks.
/// - EFI-SYSTEM and OEM: disk/64, clamped to 16…128 MiB (Flatcar uses 128 MiB), as far as spare space allows.
/// - BIOS-BOOT: 2 MiB. ROOT: everything left, at least 64 MiB.
public struct CoreOSLayout: Sendable, Equatable {
    public static let mib: Int64 = 1 << 20
    public static let biosBootSize: Int64 = 2 * mib
    public static let minimumSmallPartition: Int64 = 16 * mib
    public static let maximumSmallPartition: Int64 = 128 * mib
    public static let minimumRoot: Int64 = 64 * mib
    public static let preferredUSR: Int64 = 1024 * mib
    /// Space before the first partition and reserved after the last (holds the GPT copies).
    public static let leadIn: Int64 = mib
    public static let tailReserve: Int64 = mib

    public let table: PartitionTable

    /// Lays out a disk of `diskSize` bytes for an image of `imageSize` bytes (nil when unknown: USR gets 1 MiB minimum
    /// plus its share of spare space). Throws `diskTooSmall` when the disk is below `requiredDiskSize`.
    public init(diskSize: Int64, imageSize: Int64?, sectorSize: Int = 512, makeGUID: () -> GUID = { GUID.random() }) throws {
        let required = CoreOSLayout.requiredDiskSize(imageSize: imageSize)
        guard diskSize >= required else { throw DiskLayoutError.diskTooSmall(required: required, available: diskSize) }
        guard sectorSize >= 512, sectorSize.nonzeroBitCount == 1, sectorSize <= Int(CoreOSLayout.mib) else {
            throw DiskLayoutError.badSectorSize(sectorSize)
        }
        let sizes = CoreOSLayout.sizes(diskSize: diskSize, imageSize: imageSize)
        let totalSectors = UInt64(diskSize) / UInt64(sectorSize)
        var table = PartitionTable(diskGUID: makeGUID(), sectorSize: sectorSize, totalSectors: totalSectors, partitions: [])
        var start = CoreOSLayout.leadIn
        for (kind, size) in sizes {
            let first = UInt64(start / Int64(sectorSize))
            let last = kind == .root ? table.lastUsableLBA : first + UInt64(size / Int64(sectorSize)) - 1
            table.partitions.append(Partition(number: kind.rawValue, type: kind.typeGUID, guid: makeGUID(), firstLBA: first,
                                              lastLBA: last, attributes: kind.attributes, name: kind.label))
            start += size
        }
        try table.validate()
        self.table = table
    }

    /// The smallest disk (bytes) that holds the layout for an image of `imageSize` bytes.
    public static func requiredDiskSize(imageSize: Int64?) -> Int64 {
        leadIn + 2 * minimumSmallPartition + biosBootSize + 2 * minimumUSR(imageSize) + minimumRoot + tailReserve
    }

    static func minimumUSR(_ imageSize: Int64?) -> Int64 {
        max(mib, ((imageSize ?? 0) + mib - 1) / mib * mib)
    }

    /// Partition sizes in disk order; ROOT's is its minimum plus the rest (it is stretched to the last usable LBA).
    static func sizes(diskSize: Int64, imageSize: Int64?) -> [(CoreOSPartition, Int64)] {
        var spare = (diskSize - requiredDiskSize(imageSize: imageSize)) / mib * mib
        let scaled = min(max(diskSize / 64 / mib * mib, minimumSmallPartition), maximumSmallPartition)
        let efi = minimumSmallPartition + take(scaled - minimumSmallPartition, from: &spare)
        let oem = minimumSmallPartition + take(scaled - minimumSmallPartition, from: &spare)
        let usrMinimum = minimumUSR(imageSize)
        let usrGrowth = min(spare / 4 / mib * mib, max(0, preferredUSR - usrMinimum))
        spare -= 2 * usrGrowth
        let usr = usrMinimum + usrGrowth
        return [(.efiSystem, efi), (.biosBoot, biosBootSize), (.usrA, usr), (.usrB, usr), (.oem, oem), (.root, minimumRoot + spare)]
    }

    private static func take(_ wanted: Int64, from spare: inout Int64) -> Int64 {
        let given = min(wanted, spare)
        spare -= given
        return given
    }

    public func partition(_ kind: CoreOSPartition) -> Partition {
        // Every CoreOSPartition case is created in init, so the lookup cannot miss.
        table.partitions.first { $0.number == kind.rawValue } ?? table.partitions[0]
    }

    /// Byte offset of a partition's first sector.
    public func offset(of kind: CoreOSPartition) -> Int64 { Int64(partition(kind).firstLBA) * Int64(table.sectorSize) }

    /// Size in bytes of a partition.
    public func size(of kind: CoreOSPartition) -> Int64 { Int64(partition(kind).sectorCount) * Int64(table.sectorSize) }
}
