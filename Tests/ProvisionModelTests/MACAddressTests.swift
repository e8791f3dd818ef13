import ProvisionModel
import Testing

@Suite struct MACAddressTests {
    @Test(arguments: ["52:54:00:AB:CD:EF", "52-54-00-ab-cd-ef", "525400abcdef", "525400ABCDEF", " 52:54:00:ab:cd:ef\n"])
    func acceptedSpellingsNormalise(text: String) throws {
        let mac = try #require(MACAddress(text))
        #expect(mac.description == "52:54:00:ab:cd:ef")
        #expect(mac.hyphenated == "52-54-00-ab-cd-ef")
    }

    @Test(arguments: ["", "52:54:00:ab:cd", "52:54:00:ab:cd:eg", "52:54-00:ab:cd:ef", "525400abcde", "52545400abcdef0",
                      "52.54.00.ab.cd.ef", "+2:54:00:ab:cd:ef", "5254 0abcdef", "52:54:00:ab:cd:éf", "52:54:00:ab:cd:e\u{301}"])
    func malformedSpellingsAreRejected(text: String) {
        #expect(MACAddress(text) == nil)
    }
}
