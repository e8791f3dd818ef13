/// What a transfer runs with once options are negotiated.
public struct TransferParameters: Hashable, Sendable {
    /// Bytes per DATA block (512 unless `blksize` was accepted).
    public var blockSize: Int
    /// Blocks sent before waiting for an ACK (1 unless `windowsize` was accepted).
    public var windowSize: Int
    /// Seconds to wait for an ACK before retransmitting.
    public var timeout: Duration
    /// Options to confirm in an OACK, in the client's order; empty means no OACK (plain RFC 1350).
    public var acknowledgedOptions: [TFTPOption]

    public init(blockSize: Int = 512, windowSize: Int = 1, timeout: Duration = .seconds(1),
                acknowledgedOptions: [TFTPOption] = []) {
        self.blockSize = blockSize
        self.windowSize = windowSize
        self.timeout = timeout
        self.acknowledgedOptions = acknowledgedOptions
    }
}
