import Logging
import NIOCore

/// What a finished transfer logs: who asked for what, with which options, and how it went.
struct TransferRecord: Sendable {
    let client: SocketAddress
    let filename: String
    let path: String
    let mode: TFTPTransferMode
    let parameters: TransferParameters
    let started: NIODeadline

    func log(_ outcome: TransferOutcome, bytes: Int, retransmits: Int, to logger: Logger) {
        let elapsed = NIODeadline.now() - started
        let metadata: Logger.Metadata = [
            "client": "\(client)",
            "file": "\(filename)",
            "path": "\(path)",
            "mode": "\(mode.rawValue)",
            "options": "\(parameters.acknowledgedOptions.map(\.description).joined(separator: " "))",
            "bytes": "\(bytes)",
            "duration_ms": "\(elapsed.nanoseconds / 1_000_000)",
            "retransmits": "\(retransmits)",
        ]
        switch outcome {
        case .completed: logger.info("tftp transfer completed", metadata: metadata)
        case .sizeQueried: logger.info("tftp size query answered", metadata: metadata)
        default: logger.notice("tftp transfer failed: \(outcome)", metadata: metadata)
        }
    }
}
