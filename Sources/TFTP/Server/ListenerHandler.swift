import Logging
import NIOCore

/// Answers packets on the well-known port: a read request starts a transfer on a new TID, a write
/// request is refused (the server is read-only), anything else gets the matching ERROR or silence.
final class ListenerHandler: ChannelInboundHandler {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>
    typealias OutboundOut = AddressedEnvelope<ByteBuffer>

    private let starter: TransferStarter
    private let registry: TransferRegistry
    /// The bound address; when it is a wildcard the transfer binds to the request's destination instead.
    private let boundHost: String

    init(starter: TransferStarter, registry: TransferRegistry, boundHost: String) {
        self.starter = starter
        self.registry = registry
        self.boundHost = boundHost
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let envelope = unwrapInboundIn(data)
        var bytes = envelope.data
        let client = envelope.remoteAddress
        let packet: TFTPPacket
        do {
            packet = try TFTPPacket(parsing: &bytes)
        } catch {
            refuseMalformed(error, from: client, context: context)
            return
        }
        switch packet {
        case .readRequest(let request):
            startTransfer(request, client: client, packetInfo: envelope.metadata?.packetInfo, context: context)
        case .writeRequest(let request):
            starter.logger.warning("tftp write request refused (read-only server)",
                                   metadata: ["client": "\(client)", "file": "\(request.filename)"])
            reply(.accessViolation, "server is read-only", to: client, context: context)
        case .error:
            break  // never answer an error
        case .data, .acknowledgement, .optionAcknowledgement:
            reply(.unknownTransferID, "no transfer on this port; send a read request", to: client, context: context)
        }
    }

    private func refuseMalformed(_ error: TFTPParseError, from client: SocketAddress, context: ChannelHandlerContext) {
        starter.logger.info("tftp malformed packet: \(error)", metadata: ["client": "\(client)"])
        // Too short to carry even an opcode: not recognisably TFTP, so stay silent.
        if case .truncated(_, let offset) = error, offset == 0 { return }
        reply(.illegalOperation, error.description, to: client, context: context)
    }

    private func startTransfer(_ request: TFTPRequest, client: SocketAddress, packetInfo: NIOPacketInfo?,
                               context: ChannelHandlerContext) {
        guard !registry.isClosed else { return }
        guard registry.active < starter.maxTransfers else {
            reply(.notDefined, "server busy, try again", to: client, context: context)
            return
        }
        let prepared: (file: ReadOnlyFile, record: TransferRecord)
        do {
            prepared = try starter.prepare(request, client: client, interfaceIndex: packetInfo?.interfaceIndex)
        } catch {
            reply(error.code, error.message, to: client, context: context)
            return
        }
        let (file, record) = prepared
        guard let local = transferAddress(destination: packetInfo?.destinationAddress, context: context) else {
            file.close()
            reply(.notDefined, "server cannot start the transfer", to: client, context: context)
            return
        }
        let id = registry.reserve()
        let loop = context.eventLoop
        let registry = NIOLoopBound(registry, eventLoop: loop)
        do {
            // `ended` is queued on this loop, so it runs after the `add` below even if the transfer is already over.
            let transfer = try starter.start(file: file, record: record, localAddress: local) {
                loop.execute { registry.value.ended(id) }
            }
            registry.value.add(transfer, id: id)
        } catch {
            registry.value.ended(id)
            file.close()
            starter.metrics.failed.increment()
            starter.logger.error("tftp cannot open a transfer socket: \(error)", metadata: ["client": "\(client)"])
            reply(.notDefined, "server cannot start the transfer", to: client, context: context)
        }
    }

    /// Port 0 on the address the client reached us at, so replies come from the same IP.
    private func transferAddress(destination: SocketAddress?, context: ChannelHandlerContext) -> SocketAddress? {
        let base = (isWildcard(boundHost) ? destination : nil) ?? context.channel.localAddress
        return try? SocketAddress(ipAddress: base?.ipAddress ?? "0.0.0.0", port: 0)
    }

    private func isWildcard(_ host: String) -> Bool { host == "0.0.0.0" || host == "::" || host.isEmpty }

    private func reply(_ code: TFTPErrorCode, _ message: String, to client: SocketAddress, context: ChannelHandlerContext) {
        let bytes = TFTPPacket.error(code: code, message: message).encoded(allocator: context.channel.allocator)
        context.writeAndFlush(wrapOutboundOut(AddressedEnvelope(remoteAddress: client, data: bytes)), promise: nil)
    }
}
