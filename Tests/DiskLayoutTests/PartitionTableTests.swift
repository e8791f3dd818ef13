import DiskLayout
import Testing

struct PartitionTableTests {
    @Test func regionsAreBackupThenPrimaryThenMBR() throws {
        let layout = try CoreOSLayout(diskSize: 512 << 20, imageSize: nil)
        let regions = try layout.table.encode()
        let total = Int64(512 << 20)
        #expect(regions.map(\.offset) == [total - 33 * 512, 512, 0])
        #expect(regions.map(\.bytes.count) == [33 * 512, 33 * 512, 512])
        #expect(Array(regions[1].bytes[0..<8]) == Array("EFI PART".utf8))
        #expect(Array(regions[0].bytes[(32 * 512)..<(32 * 512 + 8)]) == Array("EFI PART".utf8))
        #expect(regions[2].bytes[450] == 0xEE)
        #expect(regions[2].bytes[510...] == [0x55, 0xAA])
    }

    @Test func headerCRCCoversTheHeaderWithItsCRCFieldZeroed() throws {
        let layout = try CoreOSLayout(diskSize: 512 << 20, imageSize: nil)
        var header = Array(try layout.table.encode()[1].bytes[0..<92])
        let stored = header[16..<20].enumerated().reduce(UInt32(0)) { $0 | UInt32($1.element) << (8 * $1.offset) }
        header.replaceSubrange(16..<20, with: [0, 0, 0, 0])
        #expect(CRC32.checksum(header) == stored)
    }

    @Test func fourKiBSectorsShrinkTheEntryArea() throws {
        let layout = try CoreOSLayout(diskSize: 512 << 20, imageSize: nil, sectorSize: 4096)
        #expect(layout.table.firstUsableLBA == 6)
        #expect(layout.offset(of: .efiSystem) == 1 << 20)
        let regions = try layout.table.encode()
        #expect(regions[0].offset == Int64(512 << 20) - 5 * 4096)
    }

    @Test func overlappingPartitionsAreRejected() throws {
        var table = try CoreOSLayout(diskSize: 512 << 20, imageSize: nil).table
        table.partitions[1].firstLBA = table.partitions[0].lastLBA
        #expect(throws: DiskLayoutError.self) { try table.encode() }
    }

    @Test func partitionOverTheBackupTableIsRejected() throws {
        var table = try CoreOSLayout(diskSize: 512 << 20, imageSize: nil).table
        table.partitions[5].lastLBA = table.totalSectors - 1
        #expect(throws: DiskLayoutError.badPartition(9, "LBA \(table.partitions[5].firstLBA)…\(table.totalSectors - 1) outside usable 34…\(table.lastUsableLBA)")) {
            try table.encode()
        }
    }
}
