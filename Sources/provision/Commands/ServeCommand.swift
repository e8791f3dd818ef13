import ArgumentParser
import BootServer
import Foundation
import Logging
import Metrics
import Prometheus

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the boot server: HTTP (boot scripts, cloud-config, assets, admin API, metrics), TFTP, DHCP.",
        discussion: "Settings come from defaults, then the --config YAML file (see deploy/provision.yaml), then flags.")

    @Option(help: "YAML config file.") var config: String?
    @Option(help: "HTTP listen address HOST:PORT (default 127.0.0.1:8080; port 0 picks a free one).") var http: String?
    @Option(help: "Data directory: SQLite database, generated admin token (default var).") var data: String?
    @Option(help: "Profiles directory (default profiles).") var profiles: String?
    @Option(help: "Assets directory served under /assets (default assets).") var assets: String?
    @Option(help: "URL machines reach this server at (default http://<http address>).") var publicURL: String?
    @Option(help: "Admin API token file; created with mode 0600 if absent (default <data>/admin-token).") var adminTokenFile: String?
    @Option(help: "TLS certificate chain (PEM) for HTTPS.") var tlsCert: String?
    @Option(help: "TLS private key (PEM).") var tlsKey: String?
    @Option(help: "TFTP listen address HOST:PORT, :PORT or off (default :69 as root, off otherwise).") var tftp: String?
    @Option(help: "DHCP mode: off, proxy (boot information beside your DHCP server) or server (default off).") var dhcp: String?
    @Option(help: "Network interface DHCP serves, e.g. eth1 (required with --dhcp).") var interface: String?
    @Option(help: "Server mode: addresses to hand out, FIRST-LAST (e.g. 10.0.0.100-10.0.0.200).") var range: String?
    @Option(help: "Server mode: router (option 3) to tell clients; repeatable.") var router: [String] = []
    @Option(help: "Server mode: DNS server (option 6) to tell clients; repeatable.") var dns: [String] = []
    @Option(help: "Server mode: lease time, e.g. 30m, 1h, 1d (default 1h).") var lease: String?
    @Option(help: "Directory of iPXE binaries (default /usr/lib/ipxe).") var ipxeDir: String?
    @Option(help: "Log level: trace, debug, info, notice, warning, error (default info).") var logLevel: String?

    func resolvedConfiguration() throws -> ServerConfiguration {
        var c = try config.map { try ServerConfiguration.load(file: $0) } ?? ServerConfiguration()
        if let http { c.http = http }
        if let data { c.data = data }
        if let profiles { c.profiles = profiles }
        if let assets { c.assets = assets }
        if let publicURL { c.publicURL = publicURL }
        if let adminTokenFile { c.adminTokenFile = adminTokenFile }
        if let tlsCert { c.tlsCert = tlsCert }
        if let tlsKey { c.tlsKey = tlsKey }
        if let tftp { c.tftp = tftp }
        if let ipxeDir { c.ipxeDir = ipxeDir }
        if let dhcp { c.dhcp = dhcp }
        if let interface { c.interface = interface }
        if let range { c.dhcpRange = range }
        if !router.isEmpty { c.dhcpRouter = router }
        if !dns.isEmpty { c.dhcpDNS = dns }
        if let lease { c.dhcpLease = lease }
        if let logLevel { c.logLevel = logLevel }
        return c
    }

    func run() async throws {
        let configuration: ServerConfiguration
        do { configuration = try resolvedConfiguration() } catch { throw CLIError("\(error)") }
        guard let level = Logger.Level(rawValue: configuration.logLevel) else {
            throw CLIError("log_level: unknown level '\(configuration.logLevel)'")
        }
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        let server = BootServer(configuration: configuration, logger: Logger(label: "provision"), metrics: registry)
        do {
            try await server.run { address in
                FileHandle.standardOutput.write(Data("provision: listening on \(address)\n".utf8))
            }
        } catch let error as ConfigurationError {
            throw CLIError(error.description)
        }
    }
}
