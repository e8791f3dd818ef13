import Glibc
import Testing
@testable import TFTP

@Suite struct InterfaceMTUTests {
    @Test func loopbackMTULimitsBlocksToMTUMinusHeaders() throws {
        let index = Int(if_nametoindex("lo"))
        try #require(index > 0, "no loopback interface")
        let mtu = try #require(InterfaceMTU.mtu(interfaceIndex: index))
        #expect(InterfaceMTU.blockSizeLimit(interfaceIndex: index) == mtu - 32)
    }

    @Test func unknownInterfaceHasNoLimit() {
        #expect(InterfaceMTU.blockSizeLimit(interfaceIndex: nil) == nil)
        #expect(InterfaceMTU.blockSizeLimit(interfaceIndex: 999_999) == nil)
    }
}
