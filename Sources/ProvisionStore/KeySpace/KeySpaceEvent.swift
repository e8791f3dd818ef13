import Foundation

/// One entry of a token's history: a key created or deleted at `index`.
public struct KeySpaceEvent: Sendable, Equatable {
    public enum Action: String, Sendable, Equatable, Codable {
        case create, delete
    }

    public var action: Action
    /// The index this event took (the key's `modifiedIndex` after it).
    public var index: UInt64
    /// The key after the event: on `delete`, `value` is empty and `modifiedIndex` is the delete's index.
    public var key: KeySpaceKey
    /// The key before the event (on `delete`), nil on `create`.
    public var previous: KeySpaceKey?

    public init(action: Action, index: UInt64, key: KeySpaceKey, previous: KeySpaceKey? = nil) {
        self.action = action
        self.index = index
        self.key = key
        self.previous = previous
    }
}
