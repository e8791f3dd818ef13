import ProvisionStore

/// A successful keys-API reply (etcd's `Event`): `{"action":…,"node":{…},"prevNode":{…}}`.
struct EtcdReply: Sendable, Equatable {
    var action: String
    var node: EtcdNode
    var prevNode: EtcdNode?

    var json: String {
        var out = "{\"action\":" + GoJSON.quoted(action) + ",\"node\":" + node.json
        if let prevNode { out += ",\"prevNode\":" + prevNode.json }
        return out + "}"
    }

    static func get(_ node: EtcdNode) -> EtcdReply { EtcdReply(action: "get", node: node) }
}

extension EtcdReply {
    /// A history event of token `token`, as a write or watch reply.
    init(token: String, event: KeySpaceEvent) {
        switch event.action {
        case .create:
            self.init(action: "create", node: EtcdNode(token: token, key: event.key))
        case .delete:
            var node = EtcdNode(token: token, key: event.key)
            node.value = nil
            self.init(action: "delete", node: node, prevNode: event.previous.map { EtcdNode(token: token, key: $0) })
        }
    }
}
