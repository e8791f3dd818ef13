import BootServer
import Foundation
import Testing

@Suite struct ServerConfigurationTests {
    @Test(arguments: [("127.0.0.1:8080", "127.0.0.1", 8080), (":69", "0.0.0.0", 69), ("[::1]:80", "::1", 80)])
    func listenAddresses(text: String, host: String, port: Int) throws {
        let parsed = try ListenAddress.parse(text, defaultHost: "0.0.0.0", setting: "x")
        #expect(parsed.host == host && parsed.port == port)
    }

    @Test(arguments: ["8080", "host:", "host:70000", "host:http"])
    func badListenAddresses(text: String) {
        #expect(throws: ConfigurationError.self) { try ListenAddress.parse(text, defaultHost: "0.0.0.0", setting: "http") }
    }

    @Test func configFileOverridesDefaultsAndUnknownKeysAreNamedWithPosition() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cfg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let good = dir.appendingPathComponent("good.yaml").path
        try "http: 0.0.0.0:9000\npublic_url: http://10.0.0.1:9000/\n".write(toFile: good, atomically: true, encoding: .utf8)
        let config = try ServerConfiguration.load(file: good)
        #expect(config.http == "0.0.0.0:9000")
        #expect(config.data == "var")
        #expect(try config.resolvedPublicURL(boundPort: 9000) == "http://10.0.0.1:9000")
        let bad = dir.appendingPathComponent("bad.yaml").path
        try "http: 0.0.0.0:9000\npublic-url: x\n".write(toFile: bad, atomically: true, encoding: .utf8)
        #expect(throws: ConfigurationError("\(bad):2:1: unknown setting 'public-url'")) { try ServerConfiguration.load(file: bad) }
    }

    @Test func shippedExampleConfigLoads() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("deploy/provision.yaml").path
        let config = try ServerConfiguration.load(file: path)
        #expect(config == ServerConfiguration())
    }
}
