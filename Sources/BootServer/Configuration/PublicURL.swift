import Synchronization

/// The URL machines reach us at. Known at start-up unless the HTTP port is 0, in which case it is filled
/// in once the socket is bound, before the first request can arrive.
public final class PublicURL: Sendable {
    private let value: Mutex<String>

    public init(_ url: String?) { value = Mutex(url ?? "") }

    public var url: String { value.withLock { $0 } }

    func setIfUnset(_ url: String) {
        value.withLock { if $0.isEmpty { $0 = url } }
    }
}
