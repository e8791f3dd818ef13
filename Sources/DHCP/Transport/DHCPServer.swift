import Logging
import NIOCore
import NIOPosix
import ProvisionModel

/// The DHCP server's I/O shell: reads datagrams on its sockets (67, and 4011 in proxy mode), parses them, hands
/// well-formed requests to the mode's responder, and sends the replies. Malformed packets are dropped with a
/// debug log. Bind, then `run()` until cancelled or `close()`d.
public final class DHCPServer: Sendable {
    private let sockets: [DHCPSocket]
    private let responder: any DHCPResponding
    private let logger: Logger
    private let onNetworkBoot: @Sendable (MACAddress, BootClient) async -> Void
    /// DISCOVERs of network-boot clients, told to `onNetworkBoot` by a task of their own: recording a boot is a store
    /// write, and a storm of clients must not wait for a thousand of them before getting its offers.
    private let bootsSeen: AsyncStream<(MACAddress, BootClient)>.Continuation
    private let bootsToTell: AsyncStream<(MACAddress, BootClient)>

    /// The ports actually bound, in the order given (a port of 0 resolved).
    public var ports: [Int] { sockets.map(\.port) }

    private init(sockets: [DHCPSocket], responder: any DHCPResponding, logger: Logger,
                 onNetworkBoot: @escaping @Sendable (MACAddress, BootClient) async -> Void) {
        self.sockets = sockets
        self.responder = responder
        self.logger = logger
        self.onNetworkBoot = onNetworkBoot
        (bootsToTell, bootsSeen) = AsyncStream.makeStream(bufferingPolicy: .bufferingOldest(16_384))
    }

    /// Binds every port on `host` (and `interface`, when named). Throws when a port cannot be bound.
    /// `onNetworkBoot` hears of every network-boot client's DISCOVER (the ROM's and iPXE's).
    public static func bind(responder: any DHCPResponding, host: String = "0.0.0.0", ports: [Int], interface: String?,
                            group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton, logger: Logger,
                            onNetworkBoot: @escaping @Sendable (MACAddress, BootClient) async -> Void = { _, _ in }) async throws -> DHCPServer {
        var sockets: [DHCPSocket] = []
        do {
            for port in ports {
                sockets.append(try await DHCPSocket.bind(host: host, port: port, interface: interface, group: group))
            }
        } catch {
            for socket in sockets { try? await socket.channel.channel.close() }
            throw error
        }
        return DHCPServer(sockets: sockets, responder: responder, logger: logger, onNetworkBoot: onNetworkBoot)
    }

    /// Serves until every socket is closed (`close()`) or the task is cancelled.
    public func run() async throws {
        try await withTaskCancellationHandler {
            try await withThrowingDiscardingTaskGroup { group in
                group.addTask {
                    for await (mac, client) in self.bootsToTell { await self.onNetworkBoot(mac, client) }
                }
                for socket in sockets {
                    group.addTask { try await self.serve(socket) }
                }
            }
        } onCancel: {
            bootsSeen.finish()
            for socket in sockets { socket.channel.channel.close(promise: nil) }
        }
    }

    public func close() async {
        bootsSeen.finish()
        for socket in sockets { try? await socket.channel.channel.close() }
    }

    private func serve(_ socket: DHCPSocket) async throws {
        try await socket.channel.executeThenClose { inbound, outbound in
            for try await envelope in inbound {
                guard let reply = await handle(envelope, port: socket.port) else { continue }
                try await outbound.write(reply)
            }
        }
    }

    private func handle(_ envelope: DHCPSocket.Envelope, port: Int) async -> DHCPSocket.Envelope? {
        let request: DHCPMessage
        do { request = try DHCPMessage(parsing: envelope.data) } catch {
            logger.debug("dhcp: dropped malformed packet", metadata: ["from": "\(envelope.remoteAddress)", "reason": "\(error)"])
            return nil
        }
        if request.messageType == .discover, let mac = request.mac, let client = BootClient(request.options) {
            bootsSeen.yield((mac, client))
        }
        guard let reply = await responder.respond(to: request, onPort: port) else { return nil }
        logger.debug("dhcp: \(reply.message.messageType.map(\.description) ?? "reply")", metadata: [
            "mac": "\(request.mac.map(\.description) ?? "?")", "address": "\(reply.message.yourAddress)",
            "file": "\(reply.message.bootFile)"])
        let target: SocketAddress
        if let (host, port) = reply.destination.socketAddress {
            guard let address = try? SocketAddress(ipAddress: host.description, port: port) else { return nil }
            target = address
        } else {
            target = envelope.remoteAddress
        }
        return AddressedEnvelope(remoteAddress: target, data: reply.message.encoded())
    }
}
