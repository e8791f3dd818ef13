import DiskLayout
import Testing

struct CoreOSLayoutTests {
    static let mib: Int64 = 1 << 20

    @Test func smallTestDiskHoldsEveryPartitionInFlatcarOrder() throws {
        let layout = try CoreOSLayout(diskSize: 512 * Self.mib, imageSize: 30 * Self.mib + 5)
        #expect(layout.table.partitions.map(\.number) == [1, 2, 3, 4, 6, 9])
        #expect(layout.table.partitions.map(\.name) == ["EFI-SYSTEM", "BIOS-BOOT", "USR-A", "USR-B", "OEM", "ROOT"])
        #expect(layout.offset(of: .efiSystem) == Self.mib)
        #expect(layout.size(of: .biosBoot) == 2 * Self.mib)
        #expect(layout.size(of: .usrA) >= 31 * Self.mib)
        #expect(layout.size(of: .usrA) == layout.size(of: .usrB))
        #expect(layout.size(of: .root) >= CoreOSLayout.minimumRoot)
        #expect(layout.table.partitions.allSatisfy { $0.firstLBA % 2048 == 0 })
        #expect(layout.partition(.root).lastLBA == layout.table.lastUsableLBA)
    }

    @Test func largeDiskGetsFlatcarSizes() throws {
        let layout = try CoreOSLayout(diskSize: 16 << 30, imageSize: 700 * Self.mib)
        #expect(layout.size(of: .efiSystem) == 128 * Self.mib)
        #expect(layout.size(of: .oem) == 128 * Self.mib)
        #expect(layout.size(of: .usrA) == 1024 * Self.mib)
        #expect(layout.size(of: .root) > 13 << 30)
    }

    @Test func usrGrowsToHoldAnImageLargerThanAGiB() throws {
        let layout = try CoreOSLayout(diskSize: 16 << 30, imageSize: 1500 * Self.mib + 1)
        #expect(layout.size(of: .usrA) == 1501 * Self.mib)
    }

    @Test func freshInstallBootsUSRAAndNeverUSRB() throws {
        let layout = try CoreOSLayout(diskSize: 512 * Self.mib, imageSize: nil)
        #expect(layout.partition(.usrA).attributes.bits == 0x0101_0000_0000_0000)
        #expect(layout.partition(.usrA).attributes.priority == 1)
        #expect(layout.partition(.usrA).attributes.successful)
        #expect(layout.partition(.usrB).attributes.bits == 0)
    }

    @Test func gptprioFieldsLandInTheirBits() {
        let attributes = PartitionAttributes(priority: 15, tries: 3, successful: false)
        #expect(attributes.bits == 0x003F_0000_0000_0000)
        #expect(attributes.priority == 15)
        #expect(attributes.tries == 3)
    }

    @Test(arguments: [Int64(1) << 20, 100 << 20, 300 << 20])
    func requiredDiskSizeIsExactlyTheSmallestThatWorks(imageSize: Int64) throws {
        let required = CoreOSLayout.requiredDiskSize(imageSize: imageSize)
        let layout = try CoreOSLayout(diskSize: required, imageSize: imageSize)
        #expect(layout.size(of: .usrA) >= imageSize)
        #expect(throws: DiskLayoutError.diskTooSmall(required: required, available: required - 512)) {
            try CoreOSLayout(diskSize: required - 512, imageSize: imageSize)
        }
    }

    @Test func tooSmallMessageSaysBothSizes() {
        let error = DiskLayoutError.diskTooSmall(required: 228 << 20, available: 64 << 20)
        #expect(error.description == "disk too small: the layout needs 228 MiB (239075328 bytes) but the disk has 64 MiB (67108864 bytes)")
    }

    @Test func partitionAndDiskGUIDsAreUnique() throws {
        let layout = try CoreOSLayout(diskSize: 512 * Self.mib, imageSize: nil)
        let guids = layout.table.partitions.map(\.guid) + [layout.table.diskGUID]
        #expect(Set(guids).count == 7)
    }
}
