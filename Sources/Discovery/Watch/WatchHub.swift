import ProvisionStore

/// Open watches, woken by the writes they wait for. No thread per watch: each waiting watch is one
/// suspended continuation, so tens of thousands cost only memory.
///
/// A watch is registered before its history is read, so a write committed in between is seen by one
/// of the two (possibly both; the first answer wins). Writers call `publish` after their write committed.
actor WatchHub {
    private enum State {
        /// Registered, not yet waiting; may already hold its event.
        case registered(KeySpaceEvent?)
        case waiting(CheckedContinuation<KeySpaceEvent?, Never>)
    }

    private struct Watch {
        var filter: WatchFilter
        var state: State
    }

    private var watches: [String: [UInt64: Watch]] = [:]
    private var nextID: UInt64 = 0
    private(set) var count = 0
    /// Set by `finishAll()` at shutdown: later watches end at once.
    private var closed = false

    /// Adds a watch on token `token`; returns its id for `wait` and `finish`.
    func register(_ filter: WatchFilter, token: String) -> UInt64 {
        nextID += 1
        watches[token, default: [:]][nextID] = Watch(filter: filter, state: .registered(nil))
        count += 1
        return nextID
    }

    /// Hands `event` to every watch on `token` that wants it; waiting watches resume and are removed.
    func publish(_ event: KeySpaceEvent, token: String) {
        guard let open = watches[token] else { return }
        for (id, watch) in open where watch.filter.matches(event) {
            switch watch.state {
            case .registered(nil): watches[token]?[id]?.state = .registered(event)
            case .registered: break
            case .waiting(let continuation):
                remove(id, token: token)
                continuation.resume(returning: event)
            }
        }
    }

    /// Suspends until the watch's event arrives (returned) or it is finished (nil).
    func wait(_ id: UInt64, token: String) async -> KeySpaceEvent? {
        guard let watch = watches[token]?[id] else { return nil }
        if closed {
            finish(id, token: token)
            return nil
        }
        if case .registered(let event?) = watch.state {
            remove(id, token: token)
            return event
        }
        return await withCheckedContinuation { continuation in
            watches[token]?[id]?.state = .waiting(continuation)
        }
    }

    /// Ends the watch: a waiting one resumes with nil. Finishing a finished watch does nothing.
    func finish(_ id: UInt64, token: String) {
        guard let watch = watches[token]?[id] else { return }
        remove(id, token: token)
        if case .waiting(let continuation) = watch.state { continuation.resume(returning: nil) }
    }

    /// Ends every watch on `token` (it was deleted), or every watch when `token` is nil (shutdown: watches
    /// started afterwards end at once too).
    func finishAll(token: String? = nil) {
        if token == nil { closed = true }
        let tokens = token.map { [$0] } ?? Array(watches.keys)
        for token in tokens {
            for id in watches[token]?.keys.map({ $0 }) ?? [] { finish(id, token: token) }
        }
    }

    private func remove(_ id: UInt64, token: String) {
        guard watches[token]?.removeValue(forKey: id) != nil else { return }
        count -= 1
        if watches[token]?.isEmpty == true { watches[token] = nil }
    }
}
