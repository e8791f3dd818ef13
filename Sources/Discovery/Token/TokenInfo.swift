import Foundation
import ProvisionStore

/// What an operator sees about a token (`provision token show`, `GET /api/v1/tokens/<token>`).
public struct TokenInfo: Sendable, Equatable, Codable {
    public struct Member: Sendable, Equatable, Codable {
        /// The member id etcd registered under (hex).
        public var id: String
        public var name: String
        public var peerURLs: [String]
        public var registeredAt: Date
        public var createdIndex: UInt64
    }

    public var token: String
    /// The discovery URL to give etcd (`--discovery`).
    public var url: String
    public var size: Int
    public var cluster: String?
    public var createdAt: Date
    /// When garbage collection removes it; nil for cluster tokens, which do not expire.
    public var expiresAt: Date?
    /// The token's current etcd index.
    public var index: UInt64
    /// Registered members, first registered first.
    public var members: [Member]

    init(listing: KeySpaceListing, url: String, lifetime: TimeInterval) {
        let token = listing.token
        self.token = token.id
        self.url = url
        size = token.size
        cluster = token.cluster
        createdAt = token.createdAt
        expiresAt = token.cluster == nil ? token.createdAt.addingTimeInterval(lifetime) : nil
        index = token.index
        members = listing.keys.map { key in
            let registration = MemberRegistration(value: key.value)
            return Member(id: key.name, name: registration.name, peerURLs: registration.peerURLs,
                          registeredAt: key.createdAt, createdIndex: key.createdIndex)
        }
    }
}
