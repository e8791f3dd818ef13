import ProvisionStore

/// Which events of a token a watch wants: etcd v2 semantics for `GET …?wait=true&waitIndex=N[&recursive=true]`.
struct WatchFilter: Sendable, Equatable {
    enum Target: Sendable, Equatable {
        /// The token directory: with `recursive`, every key below it; without, nothing (the directory itself never changes).
        case directory(recursive: Bool)
        /// One member key.
        case key(String)
        /// `_config`, `_config/size` or a deeper path: no event ever matches (the watch runs into its timeout).
        case nothing
    }

    var target: Target
    /// The first index the watch accepts (`waitIndex`).
    var sinceIndex: UInt64

    init(path: KeyPath, recursive: Bool, sinceIndex: UInt64) {
        switch path {
        case .directory: target = .directory(recursive: recursive)
        case .key(_, let name): target = .key(name)
        default: target = .nothing
        }
        self.sinceIndex = sinceIndex
    }

    func matches(_ event: KeySpaceEvent) -> Bool {
        guard event.index >= sinceIndex else { return false }
        switch target {
        case .directory(let recursive): return recursive
        case .key(let name): return event.key.name == name
        case .nothing: return false
        }
    }
}
