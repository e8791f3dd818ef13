import Logging
import NIOCore

/// Everything needed to turn an accepted read request into a running transfer; shared (Sendable)
/// between the listener and the transfer channels it creates.
struct TransferStarter: Sendable {
    let resolver: FileResolver
    let negotiation: OptionNegotiation
    let retries: Int
    let maxTransfers: Int
    let logger: Logger
    let metrics: TFTPMetrics

    /// Why a request is answered with an ERROR instead of a transfer.
    struct Refusal: Error {
        let code: TFTPErrorCode
        let message: String
    }

    /// Opens the file and negotiates options (`blksize` also capped to fit the MTU of the interface
    /// the request came in on, when known); the caller owns the returned file.
    func prepare(_ request: TFTPRequest, client: SocketAddress,
                 interfaceIndex: Int?) throws(Refusal) -> (ReadOnlyFile, TransferRecord) {
        guard request.mode != .mail else { throw Refusal(code: .illegalOperation, message: "mail mode is not supported") }
        let opened: (file: ReadOnlyFile, path: String)
        do {
            opened = try resolver.open(request.filename)
        } catch {
            logRefusal(error, client: client)
            throw Refusal(code: error.errorCode, message: error.clientMessage)
        }
        do {
            var negotiation = self.negotiation
            if let limit = InterfaceMTU.blockSizeLimit(interfaceIndex: interfaceIndex) {
                negotiation.maximumBlockSize = min(negotiation.maximumBlockSize, limit)
            }
            let parameters = try negotiation.negotiate(request.options,
                                                       fileSize: request.mode == .octet ? opened.file.size : nil)
            let record = TransferRecord(client: client, filename: request.filename, path: opened.path,
                                        mode: request.mode, parameters: parameters, started: .now())
            return (opened.file, record)
        } catch {
            opened.file.close()
            logger.info("tftp request refused: \(error)", metadata: ["client": "\(client)"])
            throw Refusal(code: .optionNegotiationFailed, message: error.description)
        }
    }

    /// Binds the transfer's own UDP socket on `localAddress` (port 0) and starts sending from a thread of its own.
    /// `onEnd` runs on that thread when the transfer is over. On a throw the caller still owns `file`.
    func start(file: ReadOnlyFile, record: TransferRecord, localAddress: SocketAddress,
               onEnd: @escaping @Sendable () -> Void) throws(TransferSocketError) -> any RunningTransfer {
        let socket = try TransferSocket(local: localAddress, client: record.client)
        metrics.started.increment()
        let source = FileByteSource(file)
        let runner: any RunningTransfer
        switch record.mode {
        case .netascii:
            runner = TransferRunner(session: session(NetasciiEncoder(source), record), socket: socket, file: file,
                                    record: record, logger: logger, metrics: metrics)
        case .octet, .mail:
            runner = TransferRunner(session: session(source, record), socket: socket, file: file,
                                    record: record, logger: logger, metrics: metrics)
        }
        runner.start(onEnd: onEnd)
        return runner
    }

    private func session<S: ByteSource>(_ source: S, _ record: TransferRecord) -> TransferSession<S> {
        TransferSession(parameters: record.parameters, source: source, maxRetries: retries)
    }

    private func logRefusal(_ error: FileResolutionError, client: SocketAddress) {
        switch error {
        case .notFound: logger.info("tftp: \(error)", metadata: ["client": "\(client)"])
        case .refused, .unreadable: logger.warning("tftp: \(error)", metadata: ["client": "\(client)"])
        }
    }
}
