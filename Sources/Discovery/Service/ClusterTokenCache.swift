import Synchronization

/// Named clusters' token ids, so a profile's discovery URL costs no store read per `/cloud-config`. Cluster tokens
/// never expire; they leave only through `DiscoveryService.removeToken`, which calls `forget`. A lookup that raced
/// a removal is not remembered (the generation moved), so a removed token is never brought back.
final class ClusterTokenCache: Sendable {
    private struct State {
        var generation = 0
        var tokens: [String: String] = [:]
    }

    private let state = Mutex(State())

    func token(for cluster: String) -> String? { state.withLock { $0.tokens[cluster] } }

    /// Read before looking a token up in the store; pass it to `remember`.
    var generation: Int { state.withLock { $0.generation } }

    func remember(_ token: String, for cluster: String, ifStillAt generation: Int) {
        state.withLock { if $0.generation == generation { $0.tokens[cluster] = token } }
    }

    func forget(_ token: String) {
        state.withLock { state in
            state.generation += 1
            state.tokens = state.tokens.filter { $0.value != token }
        }
    }
}
