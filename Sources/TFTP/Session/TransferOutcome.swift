/// How a transfer ended.
public enum TransferOutcome: Hashable, Sendable, CustomStringConvertible {
    /// The last block was acknowledged.
    case completed
    /// No ACK after the configured retries (of the OACK when `duringNegotiation`).
    case timedOut(duringNegotiation: Bool)
    /// The client ended the transfer on the OACK, having learnt the file's size from its `tsize` (RFC 2349).
    /// UEFI PXE does this before every real download, so it is not a failure.
    case sizeQueried
    /// The client sent an ERROR packet.
    case abortedByClient(code: TFTPErrorCode, message: String)
    /// Reading the file failed; the client was sent ERROR 0.
    case readFailed(String)
    /// The server closed the transfer (shutdown).
    case closed

    public var description: String {
        switch self {
        case .completed: "completed"
        case .sizeQueried: "size queried (the client stopped after the OACK's tsize)"
        case .timedOut(let negotiating): negotiating ? "OACK not acknowledged" : "timed out waiting for ACK"
        case .abortedByClient(let code, let message): "client sent error \(code.rawValue) (\(message))"
        case .readFailed(let reason): "read failed: \(reason)"
        case .closed: "closed by server"
        }
    }
}
