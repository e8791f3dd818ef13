@testable import DHCP
import Testing

@Suite struct RouterAdvertisementTests {
    @Test func solicitationsAreRecognisedAndNothingElse() {
        #expect(RouterAdvertisement.isSolicitation([133, 0, 0x12, 0x34, 0, 0, 0, 0]))
        #expect(!RouterAdvertisement.isSolicitation([133, 0, 0, 0]))            // truncated
        #expect(!RouterAdvertisement.isSolicitation([135, 0, 0, 0, 0, 0, 0, 0])) // neighbour solicitation
        #expect(!RouterAdvertisement.isSolicitation([133, 1, 0, 0, 0, 0, 0, 0])) // code must be 0
    }

    @Test func theAdvertisementOffersNoRouterAndNoDHCPv6() {
        let m = RouterAdvertisement.message
        #expect(m.count == 16 && m[0] == 134 && m[1] == 0)
        #expect(m[5] & 0xc0 == 0, "M and O flags clear")
        #expect(m[6] == 0 && m[7] == 0, "router lifetime 0: not a default router")
    }
}
