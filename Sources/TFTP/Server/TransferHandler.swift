import Logging
import NIOCore

/// Drives one `TransferSession` on the transfer's own UDP channel (its TID): delivers the client's
/// packets and timer expiries to the session and sends what it answers. Packets from any other
/// address get ERROR 5 and do not touch the session. Owns the open file from `channelActive` on.
final class TransferHandler<Source: ByteSource>: ChannelInboundHandler {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>
    typealias OutboundOut = AddressedEnvelope<ByteBuffer>

    private var session: TransferSession<Source>
    private let file: ReadOnlyFile
    private let record: TransferRecord
    private let logger: Logger
    private let metrics: TFTPMetrics
    private let timeout: TimeAmount
    private var deadline = NIODeadline.distantFuture
    private var timer: Scheduled<Void>?
    private var retransmits = 0
    private var finished = false

    init(session: TransferSession<Source>, file: ReadOnlyFile, record: TransferRecord, logger: Logger,
         metrics: TFTPMetrics) {
        self.session = session
        self.file = file
        self.record = record
        self.logger = logger
        self.metrics = metrics
        self.timeout = TimeAmount(session.parameters.timeout)
    }

    func channelActive(context: ChannelHandlerContext) {
        apply(session.start(), context: context)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        if !finished { finish(session.close().outcome ?? .closed, context: context) }
        file.close()
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let envelope = unwrapInboundIn(data)
        var bytes = envelope.data
        let packet = try? TFTPPacket(parsing: &bytes)
        guard envelope.remoteAddress == record.client else {
            rejectStranger(envelope.remoteAddress, sent: packet, context: context)
            return
        }
        // A malformed packet from the client is ignored; the timer recovers if it mattered.
        guard let packet, !finished else { return }
        apply(session.receive(packet), context: context)
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        // ICMP errors and the like surface here on UDP; the retransmission timer handles loss.
        logger.debug("tftp transfer socket error: \(error)", metadata: ["client": "\(record.client)"])
    }

    /// RFC 1350: a packet from an unknown TID gets ERROR 5 and the transfer carries on.
    private func rejectStranger(_ sender: SocketAddress, sent packet: TFTPPacket?, context: ChannelHandlerContext) {
        if case .error = packet { return }  // never answer an error with an error
        send([.error(code: .unknownTransferID, message: "unknown transfer ID")], to: sender, context: context)
        context.flush()
    }

    private func apply(_ output: TransferSession<Source>.Output, context: ChannelHandlerContext) {
        if !output.datagrams.isEmpty {
            for datagram in output.datagrams {
                context.write(wrapOutboundOut(AddressedEnvelope(remoteAddress: record.client, data: datagram)), promise: nil)
            }
            context.flush()
        }
        if output.retransmitted > 0 {
            retransmits += output.retransmitted
            metrics.retransmits.increment(by: Int64(output.retransmitted))
        }
        if let outcome = output.outcome {
            finish(outcome, context: context)
            context.close(promise: nil)
        } else if output.armTimer {
            armTimer(context: context)
        }
    }

    private func send(_ packets: [TFTPPacket], to address: SocketAddress, context: ChannelHandlerContext) {
        for packet in packets {
            let bytes = packet.encoded(allocator: context.channel.allocator)
            context.write(wrapOutboundOut(AddressedEnvelope(remoteAddress: address, data: bytes)), promise: nil)
        }
    }

    private func finish(_ outcome: TransferOutcome, context: ChannelHandlerContext) {
        finished = true
        timer?.cancel()
        timer = nil
        let bytes = session.bytesRead
        metrics.bytes.increment(by: Int64(bytes))
        (outcome.isSuccess ? metrics.completed : metrics.failed).increment()
        record.log(outcome, bytes: bytes, retransmits: retransmits, to: logger)
    }

    // MARK: - Timer
    // One scheduled task at a time: re-arming only moves the deadline, and the task re-schedules
    // itself when it fires early. Saves a schedule/cancel pair per ACK at small block sizes.

    private func armTimer(context: ChannelHandlerContext) {
        deadline = .now() + timeout
        if timer == nil { scheduleTimer(context: context) }
    }

    private func scheduleTimer(context: ChannelHandlerContext) {
        timer = context.eventLoop.assumeIsolated().scheduleTask(deadline: deadline) {
            self.timerFired(context: context)
        }
    }

    private func timerFired(context: ChannelHandlerContext) {
        timer = nil
        guard !finished else { return }
        if NIODeadline.now() < deadline {
            scheduleTimer(context: context)
        } else {
            apply(session.timerExpired(), context: context)
        }
    }
}
