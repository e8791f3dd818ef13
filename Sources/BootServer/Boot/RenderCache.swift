import Synchronization

/// Rendered, validated cloud-configs, so a machine that asks again gets the same bytes without re-rendering.
/// The key names everything the text depends on: the machine record's revision, the profile set's generation,
/// the discovery URL and the request's selector attributes. Bounded: cleared whole when full.
final class RenderCache: Sendable {
    private let entries = Mutex<[String: String]>([:])
    let capacity: Int

    init(capacity: Int = 100_000) { self.capacity = capacity }

    static func key(revision: Int64?, generation: Int, discoveryURL: String, attributes: [String: String]) -> String {
        let selectors = attributes.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "&")
        return "\(revision ?? -1)|\(generation)|\(discoveryURL)|\(selectors)"
    }

    func text(for key: String) -> String? { entries.withLock { $0[key] } }

    func store(_ text: String, for key: String) {
        entries.withLock { map in
            if map.count >= capacity { map.removeAll(keepingCapacity: true) }
            map[key] = text
        }
    }
}
