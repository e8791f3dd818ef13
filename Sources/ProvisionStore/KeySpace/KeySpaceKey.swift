import Foundation

/// One key below a token directory (`/<token>/<name>`), as stored.
public struct KeySpaceKey: Sendable, Equatable, Codable {
    /// The last path segment (an etcd member id in hex).
    public var name: String
    public var value: String
    public var createdIndex: UInt64
    public var modifiedIndex: UInt64
    /// When the key was created (a member's registration time).
    public var createdAt: Date

    public init(name: String, value: String, createdIndex: UInt64, modifiedIndex: UInt64, createdAt: Date) {
        self.name = name
        self.value = value
        self.createdIndex = createdIndex
        self.modifiedIndex = modifiedIndex
        self.createdAt = createdAt
    }
}
