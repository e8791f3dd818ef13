import Foundation

/// A discovery token: the directory `/<id>` of the key space and its bookkeeping.
public struct KeySpaceToken: Sendable, Equatable, Codable {
    /// The index a new token's directory, `_config` and `_config/size` carry. Index 1 is left unused, as
    /// in a fresh etcd-hosted discovery token (etcd's own store takes index 1), so replies read exactly
    /// like those of etcd itself.
    public static let firstIndex: UInt64 = 2

    public var id: String
    /// The expected number of members (`_config/size`).
    public var size: Int
    /// The cluster name bound to this token (a profile's `discovery.cluster`, or `token new --name`).
    public var cluster: String?
    public var createdAt: Date
    /// The index of the last write to this token.
    public var index: UInt64

    public init(id: String, size: Int, cluster: String? = nil, createdAt: Date, index: UInt64 = KeySpaceToken.firstIndex) {
        self.id = id
        self.size = size
        self.cluster = cluster
        self.createdAt = createdAt
        self.index = index
    }
}

/// A token with its keys, read in one snapshot.
public struct KeySpaceListing: Sendable, Equatable {
    public var token: KeySpaceToken
    /// The keys below the token directory (not `_config`), ordered by `createdIndex`.
    public var keys: [KeySpaceKey]

    public init(token: KeySpaceToken, keys: [KeySpaceKey]) {
        self.token = token
        self.keys = keys
    }

    public func key(_ name: String) -> KeySpaceKey? { keys.first { $0.name == name } }
}
