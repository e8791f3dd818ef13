/// How a transfer ended.
public enum TransferOutcome: Hashable, Sendable, CustomStringConvertible {
    /// The last block was acknowledged.
    case completed
    /// No ACK after the configured retries (of the OACK when `duringNegotiation`).
    case timedOut(duringNegotiation: Bool)
    /// The client sent an ERROR packet.
    case abortedByClient(code: TFTPErrorCode, message: String)
    /// Reading the file failed; the client was sent ERROR 0.
    case readFailed(String)
    /// The server closed the transfer (shutdown).
    case closed

    public var isSuccess: Bool { self == .completed }

    public var description: String {
        switch self {
        case .completed: "completed"
        case .timedOut(let negotiating): negotiating ? "OACK not acknowledged" : "timed out waiting for ACK"
        case .abortedByClient(let code, let message): "client sent error \(code.rawValue) (\(message))"
        case .readFailed(let reason): "read failed: \(reason)"
        case .closed: "closed by server"
        }
    }
}
