import Logging
import NIOCore
import NIOPosix

/// A read-only TFTP server (RFC 1350 with RFC 2347/2348/2349/7440 options). Bind it, then `run()`
/// it until cancelled or `close()`d. Every transfer runs on its own UDP port.
///
/// ```swift
/// let server = try await TFTPServer.bind(
///     configuration: TFTPServerConfiguration(host: "0.0.0.0", port: 69, roots: TFTPServerConfiguration.defaultRoots(assets: "assets")),
///     eventLoopGroup: MultiThreadedEventLoopGroup.singleton, logger: logger)
/// try await server.run()
/// ```
public final class TFTPServer: Sendable {
    private let channel: any Channel
    private let registry: NIOLoopBound<TransferRegistry>
    private let logger: Logger

    /// The address the listener is bound to (with the real port when `port` was 0).
    public let localAddress: SocketAddress

    /// The UDP port the listener is bound to.
    public var localPort: Int { localAddress.port ?? 0 }

    private init(channel: any Channel, registry: NIOLoopBound<TransferRegistry>, logger: Logger) throws {
        self.channel = channel
        self.registry = registry
        self.logger = logger
        guard let address = channel.localAddress else { throw ChannelError.inappropriateOperationForState }
        self.localAddress = address
    }

    /// Binds the listening socket. Throws when the address cannot be bound (in use, no permission).
    public static func bind(configuration: TFTPServerConfiguration, eventLoopGroup: any EventLoopGroup,
                            logger: Logger) async throws -> TFTPServer {
        let loop = eventLoopGroup.next()
        let registry = try await loop.submit { NIOLoopBound(TransferRegistry(), eventLoop: loop) }.get()
        let starter = TransferStarter(
            resolver: FileResolver(roots: configuration.roots),
            negotiation: OptionNegotiation(maximumBlockSize: configuration.maxBlockSize,
                                           maximumWindowSize: configuration.maxWindowSize,
                                           defaultTimeout: configuration.timeout),
            retries: configuration.retries, maxTransfers: configuration.maxTransfers,
            logger: logger, metrics: TFTPMetrics())
        let host = configuration.host
        let channel = try await DatagramBootstrap(group: loop)
            .channelOption(.socketOption(.so_reuseaddr), value: 1)
            .channelOption(.receivePacketInfo, value: true)
            .channelOption(.recvAllocator, value: FixedSizeRecvByteBufferAllocator(capacity: 65536))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let handler = ListenerHandler(starter: starter, registry: registry.value, boundHost: host)
                    try channel.pipeline.syncOperations.addHandler(handler)
                }
            }
            .bind(host: host, port: configuration.port).get()
        let server = try TFTPServer(channel: channel, registry: registry, logger: logger)
        logger.info("tftp listening", metadata: [
            "address": "\(server.localAddress)",
            "roots": "\(configuration.roots.map(\.description).joined(separator: " "))",
        ])
        return server
    }

    /// Serves until the task is cancelled or `close()` is called; then closes running transfers.
    public func run() async throws {
        let channel = self.channel
        try await withTaskCancellationHandler {
            try await channel.closeFuture.get()
        } onCancel: {
            channel.close(promise: nil)
        }
        await closeTransfers()
    }

    /// Stops listening and closes every running transfer. Safe to call more than once.
    public func close() async {
        try? await channel.close()
        await closeTransfers()
    }

    private func closeTransfers() async {
        let registry = self.registry
        let loop = channel.eventLoop
        try? await loop.flatSubmit { registry.value.closeAll(on: loop) }.get()
    }
}
