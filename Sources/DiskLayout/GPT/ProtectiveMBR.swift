/// The protective MBR in LBA 0: one partition of type 0xEE covering the disk, so MBR-only tools leave it alone.
enum ProtectiveMBR {
    static func bytes(totalSectors: UInt64, sectorSize: Int) -> [UInt8] {
        var sector = [UInt8](repeating: 0, count: sectorSize)
        let record: [UInt8] = [0x00, 0x00, 0x02, 0x00, 0xEE, 0xFF, 0xFF, 0xFF]
            + LittleEndian.bytes(UInt32(1))
            + LittleEndian.bytes(UInt32(min(totalSectors - 1, UInt64(UInt32.max))))
        sector.replaceSubrange(446..<462, with: record)
        sector[510] = 0x55
        sector[511] = 0xAA
        return sector
    }
}
