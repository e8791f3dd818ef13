import Testing
import TFTP

@Suite struct ListenAddressTests {
    @Test(arguments: [
        ("off", TFTPListenAddress.off), ("OFF", .off),
        (":69", .listen(host: "0.0.0.0", port: 69)),
        ("127.0.0.1:6969", .listen(host: "127.0.0.1", port: 6969)),
        ("[::1]:69", .listen(host: "::1", port: 69)),
        ("10.0.0.1:0", .listen(host: "10.0.0.1", port: 0)),
    ])
    func flagValuesParse(_ text: String, _ expected: TFTPListenAddress) throws {
        #expect(try TFTPListenAddress(parsing: text) == expected)
    }

    @Test(arguments: ["69", "", "host:", "host:abc", ":70000", ":-1", "::1:69"])
    func badFlagValuesSayWhy(_ text: String) {
        #expect(throws: TFTPListenAddressError.self) { try TFTPListenAddress(parsing: text) }
    }
}
