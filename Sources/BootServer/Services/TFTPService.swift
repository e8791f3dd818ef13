import Foundation
import Logging
import NIOPosix
import ServiceLifecycle
import TFTP

/// The TFTP server (iPXE binaries and small assets for PXE ROMs) as a service of `provision serve`.
struct TFTPService: Service {
    let server: TFTPServer

    /// Binds per the `tftp` setting: `HOST:PORT`, `:PORT` or `off`; unset means `:69` as root and off otherwise.
    /// Nil when off. Binding here, before anything runs, makes "port in use" a start-up error.
    static func start(_ config: ServerConfiguration, logger: Logger) async throws -> TFTPService? {
        let setting = config.tftp ?? (getuid() == 0 ? ":69" : "off")
        let address: TFTPListenAddress
        do { address = try TFTPListenAddress(parsing: setting) } catch {
            throw ConfigurationError("tftp: \(error)")
        }
        guard case .listen(let host, let port) = address else {
            if config.tftp == nil {
                logger.notice("TFTP off: not running as root (give --tftp :PORT to serve TFTP on an unprivileged port)")
            }
            return nil
        }
        let configuration = TFTPServerConfiguration(
            host: host, port: port,
            roots: TFTPServerConfiguration.defaultRoots(assets: config.assets, ipxeDirectory: config.ipxeDir))
        do {
            let server = try await TFTPServer.bind(configuration: configuration,
                                                   eventLoopGroup: MultiThreadedEventLoopGroup.singleton, logger: logger)
            logger.notice("TFTP listening on \(host):\(server.localPort)")
            return TFTPService(server: server)
        } catch {
            throw ConfigurationError("tftp: cannot listen on \(setting): \(error)")
        }
    }

    func run() async throws {
        try await withGracefulShutdownHandler {
            try await server.run()
        } onGracefulShutdown: {
            Task { await server.close() }
        }
    }
}
