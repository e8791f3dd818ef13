import DiskLayout
import Foundation
import Testing
import TestSupport

/// gdisk's sgdisk reads the tables we write into a sparse 512 MiB disk image.
@Suite(.disabled(if: TestEnvironment.missingTools("sgdisk") != nil))
struct SgdiskTests {
    static let diskSize: Int64 = 512 << 20

    func writtenDisk() throws -> (TemporaryDirectory, String, CoreOSLayout) {
        let dir = try TemporaryDirectory("gpt")
        let path = dir.file("disk.img").path
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        #expect(truncate(path, off_t(Self.diskSize)) == 0)
        let layout = try CoreOSLayout(diskSize: Self.diskSize, imageSize: 40 << 20)
        try DiskFile(path: path).write(layout.table)
        return (dir, path, layout)
    }

    @Test func sgdiskVerifyFindsNoProblems() async throws {
        let (dir, path, _) = try writtenDisk()
        defer { dir.remove() }
        let result = try await Tool.run("sgdisk", ["-v", path])
        #expect(result.stdout.contains("No problems found"), "\(result.stdout)")
    }

    @Test func sgdiskPrintListsNumbersNamesAndDiskGUID() async throws {
        let (dir, path, layout) = try writtenDisk()
        defer { dir.remove() }
        let out = try await Tool.run("sgdisk", ["-p", path]).stdout
        #expect(out.contains("Disk identifier (GUID): \(layout.table.diskGUID)"))
        let rows = out.split(separator: "\n").filter { $0.hasPrefix("   ") }.map { $0.split(separator: " ", omittingEmptySubsequences: true) }
        #expect(rows.map { String($0[0]) } == ["1", "2", "3", "4", "6", "9"])
        #expect(rows.map { String($0.last ?? "") } == ["EFI-SYSTEM", "BIOS-BOOT", "USR-A", "USR-B", "OEM", "ROOT"])
        #expect(rows.map { Int64($0[1]) ?? -1 } == layout.table.partitions.map { Int64($0.firstLBA) })
        #expect(rows.map { Int64($0[2]) ?? -1 } == layout.table.partitions.map { Int64($0.lastLBA) })
    }

    @Test(arguments: CoreOSPartition.allCases)
    func sgdiskInfoShowsTypeGUIDAttributesAndName(kind: CoreOSPartition) async throws {
        let (dir, path, layout) = try writtenDisk()
        defer { dir.remove() }
        let out = try await Tool.run("sgdisk", ["-i", String(kind.rawValue), path]).stdout
        #expect(out.contains("Partition GUID code: \(kind.typeGUID)"))
        #expect(out.contains("Partition unique GUID: \(layout.partition(kind).guid)"))
        let flags = String(layout.partition(kind).attributes.bits, radix: 16, uppercase: true)
        #expect(out.contains("Attribute flags: \(String(repeating: "0", count: 16 - flags.count) + flags)"))
        #expect(out.contains("Partition name: '\(kind.label)'"))
    }

    @Test func usrAttributeFlagsReadAsGptprio() async throws {
        let (dir, path, _) = try writtenDisk()
        defer { dir.remove() }
        #expect(try await Tool.run("sgdisk", ["-i", "3", path]).stdout.contains("Attribute flags: 0101000000000000"))
        #expect(try await Tool.run("sgdisk", ["-i", "4", path]).stdout.contains("Attribute flags: 0000000000000000"))
    }

    @Test func backupTableAloneRestoresTheLayout() async throws {
        let (dir, path, layout) = try writtenDisk()
        defer { dir.remove() }
        let disk = try DiskFile(path: path)
        try disk.write([UInt8](repeating: 0, count: 33 * 512), at: 512)  // destroy primary header and entries
        let result = try await Tool.status("sgdisk", ["-p", path])
        #expect(result.stdout.contains("corrupt GPT"), "sgdisk did not notice the primary was destroyed: \(result.stdout)")
        #expect(result.stdout.contains("Disk identifier (GUID): \(layout.table.diskGUID)"))
        for partition in layout.table.partitions {
            #expect(result.stdout.contains("\(partition.firstLBA)") && result.stdout.contains("\(partition.lastLBA)"))
            #expect(result.stdout.contains(partition.name))
        }
    }
}
