import Foundation
import Logging
import NIOCore

/// Drives one `TransferSession` on the transfer's own socket and thread: delivers the client's packets and timer
/// expiries to the session and sends what it answers. Packets from any other address get ERROR 5 and do not touch
/// the session. Owns the open file until the transfer ends.
final class TransferRunner<Source: ByteSource>: RunningTransfer {
    private let socket: TransferSocket
    /// The session as it starts; the transfer's thread runs its own copy.
    private let initial: TransferSession<Source>
    private let file: ReadOnlyFile
    private let record: TransferRecord
    private let logger: Logger
    private let metrics: TFTPMetrics

    init(session: TransferSession<Source>, socket: TransferSocket, file: ReadOnlyFile, record: TransferRecord,
         logger: Logger, metrics: TFTPMetrics) {
        self.socket = socket
        self.initial = session
        self.file = file
        self.record = record
        self.logger = logger
        self.metrics = metrics
    }

    /// Runs the transfer on a new thread; `onEnd` is called on that thread once it is over.
    func start(onEnd: @escaping @Sendable () -> Void) {
        let thread = Thread { [self] in
            run()
            onEnd()
        }
        thread.name = "tftp-transfer"
        thread.start()
    }

    /// Ends the transfer from another thread (server shutdown): its thread wakes and finishes as `closed`.
    func stop() { socket.shutdown() }

    private func run() {
        defer { file.close() }
        let timeout = record.parameters.timeout
        var session = initial
        var retransmits = 0
        var buffer = ByteBufferAllocator().buffer(capacity: 2048)
        var output = session.start()
        var deadline = ContinuousClock.now
        while true {
            for datagram in output.datagrams { socket.sendToClient(datagram) }
            if output.retransmitted > 0 {
                retransmits += output.retransmitted
                metrics.retransmits.increment(by: Int64(output.retransmitted))
            }
            if let outcome = output.outcome { return finish(outcome, bytes: session.bytesRead, retransmits: retransmits) }
            session.readAhead()
            // Re-arming moves the deadline; other wake-ups (a duplicate ACK, a stranger) wait out what is left.
            if output.armTimer { deadline = .now + timeout }
            let remaining = output.armTimer ? timeout : max(deadline - .now, .microseconds(1))
            switch socket.receive(into: &buffer, timeout: remaining) {
            case .fromClient:
                // A malformed packet from the client is ignored; the timer recovers if it mattered.
                output = (try? TFTPPacket(parsing: &buffer)).map { session.receive($0) } ?? .init()
            case .fromStranger:
                rejectStranger(buffer)
                output = .init()
            case .timedOut:
                output = ContinuousClock.now < deadline ? .init() : session.timerExpired()
            case .shutDown:
                output = session.close()
            }
        }
    }

    /// RFC 1350: a packet from an unknown TID gets ERROR 5 and the transfer carries on.
    private func rejectStranger(_ received: ByteBuffer) {
        var bytes = received
        if case .error = try? TFTPPacket(parsing: &bytes) { return }  // never answer an error with an error
        socket.replyToStranger(TFTPPacket.error(code: .unknownTransferID, message: "unknown transfer ID")
            .encoded(allocator: ByteBufferAllocator()))
    }

    private func finish(_ outcome: TransferOutcome, bytes: Int, retransmits: Int) {
        metrics.bytes.increment(by: Int64(bytes))
        switch outcome {
        case .completed: metrics.completed.increment()
        case .sizeQueried: metrics.sizeQueries.increment()
        default: metrics.failed.increment()
        }
        record.log(outcome, bytes: bytes, retransmits: retransmits, to: logger)
    }
}

/// A transfer in flight, as the registry sees it.
protocol RunningTransfer: AnyObject, Sendable {
    func start(onEnd: @escaping @Sendable () -> Void)
    func stop()
}
