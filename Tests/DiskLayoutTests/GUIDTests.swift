import DiskLayout
import Testing

struct GUIDTests {
    @Test func textRoundTripsUppercase() throws {
        let guid = try #require(GUID("c12a7328-f81f-11d2-ba4b-00a0c93ec93b"))
        #expect(guid.description == "C12A7328-F81F-11D2-BA4B-00A0C93EC93B")
    }

    @Test func diskBytesAreMixedEndian() throws {
        let guid = try #require(GUID("C12A7328-F81F-11D2-BA4B-00A0C93EC93B"))
        #expect(guid.diskBytes == [0x28, 0x73, 0x2A, 0xC1, 0x1F, 0xF8, 0xD2, 0x11, 0xBA, 0x4B, 0x00, 0xA0, 0xC9, 0x3E, 0xC9, 0x3B])
    }

    @Test(arguments: ["", "C12A7328F81F11D2BA4B00A0C93EC93B", "C12A7328-F81F-11D2-BA4B-00A0C93EC93", "G12A7328-F81F-11D2-BA4B-00A0C93EC93B",
                      "C12A7328-F81F-11D2-BA4B00-A0C93EC93B"])
    func malformedTextIsRejected(text: String) {
        #expect(GUID(text) == nil)
    }

    @Test func randomGUIDsAreVersion4AndDistinct() {
        let guids = (0..<100).map { _ in GUID.random() }
        #expect(Set(guids).count == 100)
        #expect(guids.allSatisfy { $0.description.dropFirst(14).first == "4" })
    }

    @Test func partitionTypeConstantsAreTheDesignedOnes() {
        #expect(PartitionType.efiSystem.description == "C12A7328-F81F-11D2-BA4B-00A0C93EC93B")
        #expect(PartitionType.biosBoot.description == "21686148-6449-6E6F-744E-656564454649")
        #expect(PartitionType.coreOSUsr.description == "5DFBF5F4-2848-4BAC-AA5E-0D9A20B745A6")
        #expect(PartitionType.linuxFilesystem.description == "0FC63DAF-8483-4772-8E79-3D69D8477DE4")
        #expect(PartitionType.coreOSRoot.description == "3884DD41-8582-4404-B9A8-E9B84F2DF50E")
    }
}
