/// Settings of the discovery service (`provision serve` flags).
public struct DiscoveryConfiguration: Sendable, Equatable {
    /// Accepted cluster sizes.
    public static let sizes = 1...99

    /// Size of a token created without one.
    public var defaultSize: Int
    /// How long a long-poll stays open without an event before it ends with an empty 200.
    public var watchTimeout: Duration
    /// Age after which an unnamed token is garbage-collected.
    public var tokenLifetime: Duration

    public init(defaultSize: Int = 3, watchTimeout: Duration = .seconds(60), tokenLifetime: Duration = .seconds(7 * 24 * 3600)) {
        self.defaultSize = defaultSize
        self.watchTimeout = watchTimeout
        self.tokenLifetime = tokenLifetime
    }
}

extension Duration {
    /// The duration in seconds, as Foundation's `TimeInterval` counts them.
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
