import Metrics
import Synchronization

/// One counter per combination of label values, made once and then reused. `Counter(label:dimensions:)` goes
/// through the metrics factory (label sanitising, a registry lock and lookup) on every call, which on the boot
/// path cost more than the request's own work.
final class CounterFamily<Key: Hashable & Sendable>: Sendable {
    let label: String
    private let dimensions: @Sendable (Key) -> [(String, String)]
    private let counters = Mutex<[Key: Counter]>([:])

    init(label: String, dimensions: @escaping @Sendable (Key) -> [(String, String)]) {
        self.label = label
        self.dimensions = dimensions
    }

    func increment(_ key: Key) {
        counters.withLock { map in
            if let counter = map[key] { return counter }
            let counter = Counter(label: label, dimensions: dimensions(key))
            map[key] = counter
            return counter
        }.increment()
    }
}
