/// How often and how patiently a dropped download is resumed.
public struct RetryPolicy: Sendable {
    /// Attempts in a row that may fail without receiving a byte before the download gives up.
    public var maxAttempts: Int
    public var initialBackoff: Duration
    public var maxBackoff: Duration

    public init(maxAttempts: Int = 6, initialBackoff: Duration = .milliseconds(500), maxBackoff: Duration = .seconds(8)) {
        self.maxAttempts = maxAttempts
        self.initialBackoff = initialBackoff
        self.maxBackoff = maxBackoff
    }

    /// Exponential: initial, 2×, 4×… capped at `maxBackoff`.
    public func delay(afterFailure failures: Int) -> Duration {
        var delay = initialBackoff
        for _ in 1..<max(1, failures) where delay < maxBackoff { delay *= 2 }
        return min(delay, maxBackoff)
    }
}
