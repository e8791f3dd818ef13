import CloudConfig
import Discovery
import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import Prometheus
import ProvisionModel
import ProvisionStore
import ServiceLifecycle
import UnixSignals

/// `provision serve`: the store, the profiles, the HTTP app and the side services, run as one service group.
public struct BootServer: Sendable {
    public let configuration: ServerConfiguration
    public let logger: Logger
    public let metrics: PrometheusCollectorRegistry

    public init(configuration: ServerConfiguration, logger: Logger, metrics: PrometheusCollectorRegistry) {
        self.configuration = configuration
        self.logger = logger
        self.metrics = metrics
    }

    /// Runs until SIGTERM/SIGINT. `onListening` gets the bound URL (`http(s)://host:port`, port 0 resolved).
    public func run(onListening: @escaping @Sendable (String) -> Void = { _ in }) async throws {
        let dhcpInterface = try DHCPService.interface(configuration)
        let config = try DHCPService.pointingMachines(at: dhcpInterface, configuration, logger: logger)
        try FileManager.default.createDirectory(atPath: config.data, withIntermediateDirectories: true)
        let store = try SQLiteStore(path: (config.data as NSString).appendingPathComponent("provision.sqlite"))
        let catalog: ProfileCatalog
        do { catalog = try ProfileCatalog(directory: config.profiles) } catch {
            throw ConfigurationError("profiles: \(error)")
        }
        let (adminToken, created) = try AdminToken.loadOrCreate(at: config.resolvedAdminTokenFile)
        if created { logger.notice("admin token written to \(config.resolvedAdminTokenFile) (mode 0600)") }
        let (host, port) = try config.httpAddress()
        // Without --public-url the URL names the bound port, known only once the socket is bound (port 0).
        let publicURL = PublicURL(try config.publicURL.map { _ in try config.resolvedPublicURL(boundPort: port) })

        let discovery = DiscoveryService(store: store, configuration: DiscoveryConfiguration(
            watchTimeout: .milliseconds(Int64(config.discoveryWatchTimeout * 1000)),
            tokenLifetime: .seconds(config.discoveryTokenTTL)), logger: logger)
        let (router, boot) = try await makeRouter(store: store, catalog: catalog, adminToken: adminToken, publicURL: publicURL,
                                                  discovery: discovery)
        let dhcp = try await DHCPService.start(on: dhcpInterface, config, store: store, boot: boot, publicURL: publicURL.url,
                                               logger: logger)
        let app = Application(
            router: router,
            server: try serverBuilder(),
            configuration: .init(address: .hostname(host, port: port), serverName: "provision"),
            services: [ProfileReloadOnSIGHUP(catalog: catalog, logger: logger), DiscoveryMaintenance(service: discovery)]
                + (try await TFTPService.start(config, logger: logger).map { [$0] } ?? [])
                + (dhcp.map { [$0] } ?? []),
            onServerRunning: { channel in
                let bound = channel.localAddress?.port ?? port
                publicURL.setIfUnset((try? config.resolvedPublicURL(boundPort: bound)) ?? "")
                onListening("\(config.tlsCert == nil ? "http" : "https")://\(host):\(bound)")
            },
            logger: logger)
        let group = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }

    func makeRouter(store: any Store, catalog: ProfileCatalog, adminToken: String, publicURL: PublicURL,
                    discovery: DiscoveryService) async throws -> (Router<BasicRequestContext>, BootService) {
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: RequestMetricsMiddleware())
        router.add(middleware: ErrorReplyMiddleware())
        let boot = BootService(store: store, catalog: catalog, publicURL: publicURL,
                               assetsDirectory: configuration.assets, logger: logger) { cluster in
            try await discovery.clusterURL(cluster: cluster.cluster, size: cluster.size, publicURL: publicURL.url)
        }
        BootRoutes(boot: boot, assets: AssetResponder(root: AssetRoot(configuration.assets)),
                   firmware: AssetResponder(root: .firmware(configuration.ipxeDir))).register(on: router)
        MetricsRoute(registry: metrics, store: store).register(on: router)
        let api = router.group("api/v1").add(middleware: BearerAuthMiddleware(token: adminToken))
        AdminRoutes(registry: MachineRegistry(store: store, catalog: catalog), boot: boot, logger: logger)
            .register(admin: api, open: router, adminToken: adminToken)
        DiscoveryRoutes(service: discovery, publicURL: publicURL).register(public: router.group("discovery"), admin: api)
        return (router, boot)
    }

    func serverBuilder() throws -> HTTPServerBuilder {
        guard let cert = configuration.tlsCert, let key = configuration.tlsKey else {
            if configuration.tlsCert != nil || configuration.tlsKey != nil {
                throw ConfigurationError("tls: give both --tls-cert and --tls-key")
            }
            // Plain HTTP: assets by sendfile (TLS cannot carry a FileRegion; there the router serves them).
            let routes = [AssetSendfileHandler.Route(prefix: "/assets/", root: AssetRoot(configuration.assets), label: "/assets/**"),
                          AssetSendfileHandler.Route(prefix: "/firmware/", root: .firmware(configuration.ipxeDir), label: "/firmware/**")]
            let fileIO = NonBlockingFileIO(threadPool: .singleton)
            let requests = RouteStatus.counters()
            return HTTPServerBuilder { responder in
                BootHTTPChannel(responder: responder) {
                    AssetSendfileHandler(routes: routes, fileIO: fileIO, requests: requests, logger: logger)
                }
            }
        }
        do {
            let chain = try NIOSSLCertificate.fromPEMFile(cert).map { NIOSSLCertificateSource.certificate($0) }
            let tls = TLSConfiguration.makeServerConfiguration(certificateChain: chain, privateKey: .privateKey(try NIOSSLPrivateKey(file: key, format: .pem)))
            return try .tls(.http1(), tlsConfiguration: tls)
        } catch {
            throw ConfigurationError("tls: cannot load \(cert) / \(key): \(error)")
        }
    }
}
