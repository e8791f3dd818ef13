import DiskLayout
import Testing

struct CRC32Tests {
    @Test(arguments: [
        ("", UInt32(0)),
        ("123456789", UInt32(0xCBF4_3926)),
        ("The quick brown fox jumps over the lazy dog", UInt32(0x414F_A339)),
    ])
    func matchesTheIEEECheckValues(text: String, expected: UInt32) {
        #expect(CRC32.checksum(Array(text.utf8)) == expected)
    }

    @Test func incrementalUpdatesEqualOneShot() {
        let bytes = Array("EFI PART and then some more bytes".utf8)
        var crc = CRC32()
        crc.update(bytes[0..<5])
        crc.update(bytes[5...])
        #expect(crc.value == CRC32.checksum(bytes))
    }
}
