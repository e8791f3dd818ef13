import Foundation
import Testing
import TestSupport

/// `provision serve` as a process: signals, TLS, configuration errors.
@Suite struct ServeEndToEndTests {
    @Test(arguments: [SIGTERM, SIGINT])
    func shutsDownCleanlyOnSignal(signal: Int32) async throws {
        try await ProvisionServer.run() { server in
            let process = try #require(server.process)
            process.signal(signal)
            let status = await process.wait(timeout: .seconds(10))
            #expect(status == 0, "exit status after signal \(signal): \(String(describing: status)); log: \(process.stderr)")
        }
    }

    @Test func servesHTTPSWithTheGivenCertificate() async throws {
        if let reason = TestEnvironment.missingTools("openssl", "curl") { print(reason); return }
        let dir = try TemporaryDirectory("tls")
        defer { dir.remove() }
        try await Tool.run("openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                                       "-keyout", dir.path + "/key.pem", "-out", dir.path + "/cert.pem", "-days", "1",
                                       "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"])
        try await ProvisionServer.run(extraArguments: ["--tls-cert", dir.path + "/cert.pem", "--tls-key", dir.path + "/key.pem"]) { server in
            #expect(server.url.hasPrefix("https://"))
            let reply = try await Tool.run("curl", ["-s", "--cacert", dir.path + "/cert.pem", server.url + "/boot.ipxe"])
            #expect(reply.stdout.contains("chain https://127.0.0.1:"))
        }
    }

    @Test func badConfigurationIsOneLineAndNonZero() async throws {
        let dir = try TemporaryDirectory("cfg")
        defer { dir.remove() }
        try dir.write("provision.yaml", "htp: 127.0.0.1:0\n")
        let result = try await Tool.status(TestEnvironment.provisionBinary.path, ["serve", "--config", dir.path + "/provision.yaml"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("provision.yaml:1:1: unknown setting 'htp'"))
    }
}
