import ProvisionStore

/// A node of etcd's v2 keys API as it travels in JSON (etcd's `NodeExtern`).
struct EtcdNode: Sendable, Equatable {
    var key: String
    var value: String?
    var dir = false
    var nodes: [EtcdNode] = []
    var modifiedIndex: UInt64
    var createdIndex: UInt64

    /// etcd's field order and omissions: key, value, dir, nodes, modifiedIndex, createdIndex; empty
    /// `nodes`, false `dir`, absent `value` and zero indexes are left out.
    var json: String {
        var out = "{\"key\":" + GoJSON.quoted(key)
        if let value { out += ",\"value\":" + GoJSON.quoted(value) }
        if dir { out += ",\"dir\":true" }
        if !nodes.isEmpty { out += ",\"nodes\":[" + nodes.map(\.json).joined(separator: ",") + "]" }
        if modifiedIndex != 0 { out += ",\"modifiedIndex\":\(modifiedIndex)" }
        if createdIndex != 0 { out += ",\"createdIndex\":\(createdIndex)" }
        return out + "}"
    }
}

extension EtcdNode {
    /// A member key `/<token>/<name>`.
    init(token: String, key: KeySpaceKey) {
        self.init(key: "/\(token)/\(key.name)", value: key.value,
                  modifiedIndex: key.modifiedIndex, createdIndex: key.createdIndex)
    }

    /// `/<token>/_config/size`.
    static func size(of token: KeySpaceToken) -> EtcdNode {
        EtcdNode(key: "/\(token.id)/_config/size", value: String(token.size),
                 modifiedIndex: KeySpaceToken.firstIndex, createdIndex: KeySpaceToken.firstIndex)
    }

    /// `/<token>/_config`, listing `size` when `withChildren`.
    static func config(of token: KeySpaceToken, withChildren: Bool) -> EtcdNode {
        EtcdNode(key: "/\(token.id)/_config", dir: true, nodes: withChildren ? [size(of: token)] : [],
                 modifiedIndex: KeySpaceToken.firstIndex, createdIndex: KeySpaceToken.firstIndex)
    }

    /// The token directory: `_config` first (it is the oldest), then the keys by `createdIndex`,
    /// or by key name when `sorted` (etcd's `sorted=true`). `recursive` lists `_config`'s children too.
    static func directory(_ listing: KeySpaceListing, recursive: Bool, sorted: Bool) -> EtcdNode {
        let token = listing.token
        var children = [config(of: token, withChildren: recursive)]
        children += listing.keys.map { EtcdNode(token: token.id, key: $0) }
        if sorted { children.sort { $0.key < $1.key } }
        return EtcdNode(key: "/\(token.id)", dir: true, nodes: children,
                        modifiedIndex: KeySpaceToken.firstIndex, createdIndex: KeySpaceToken.firstIndex)
    }
}
