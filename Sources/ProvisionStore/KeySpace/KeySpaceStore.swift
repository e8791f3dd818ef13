import Foundation

/// The etcd v2 discovery key space: tokens, each a small directory of keys with its own index.
///
/// A token is a directory `/<token>` holding `_config/size` and one key per registered member. Every
/// token has its own monotonic index: creating the token takes `KeySpaceToken.firstIndex`, and each
/// later write (a key created or deleted) takes the next index, which becomes that key's
/// `modifiedIndex` (and `createdIndex` on create) and the event's index in the token's history.
/// Indexes are stored, so they continue after a restart, and never go backwards.
///
/// Implementations: `SQLiteStore` (one transaction per write) and, later, an etcd v3 store. Every
/// method is atomic on its own; a write either lands together with its history event and the token's
/// new index, or not at all. Watching is not part of the store: the discovery service is told of writes
/// by whoever made them (an etcd-backed store would feed it from an etcd watch).
public protocol KeySpaceStore: Sendable {
    /// Creates a token whose `_config/size` is `size`. The directory, `_config` and `_config/size` all
    /// carry `KeySpaceToken.firstIndex`, which is also the token's current index.
    /// When `cluster` is given the token becomes that cluster's token (see `token(forCluster:)`).
    /// Throws `StoreError.alreadyExists` when the id exists or the cluster name is bound to another token.
    func createToken(_ id: String, size: Int, cluster: String?, at date: Date) async throws -> KeySpaceToken

    /// The token with this id (its current index included), or nil.
    func token(_ id: String) async throws -> KeySpaceToken?

    /// The token and its keys (excluding `_config`), keys ordered by `createdIndex`, read in one snapshot; nil when absent.
    func listing(_ id: String) async throws -> KeySpaceListing?

    /// Every token, oldest first.
    func tokens() async throws -> [KeySpaceToken]

    /// Creates key `name` (one path segment, not `_config`) with `value` in token `id` at the token's next
    /// index and records a `create` event. Throws `StoreError.notFound` when the token does not exist and
    /// `StoreError.alreadyExists` when the key does (nothing changes then, the index included).
    func createKey(_ name: String, value: String, in id: String, at date: Date) async throws -> KeySpaceEvent

    /// Deletes key `name` from token `id` at the token's next index and records a `delete` event
    /// (carrying the deleted node as `previous`). Throws `StoreError.notFound` when the token or key is absent.
    func deleteKey(_ name: String, in id: String) async throws -> KeySpaceEvent

    /// The token's history: every event whose index is at least `index`, oldest first (empty when none
    /// or when the token does not exist). History is kept for the token's whole life.
    func events(in id: String, from index: UInt64) async throws -> [KeySpaceEvent]

    /// Deletes the token with its keys, history and cluster binding. Throws `StoreError.notFound` when absent.
    func deleteToken(_ id: String) async throws

    /// Deletes every token created before `date` that is not bound to a cluster (cluster tokens are
    /// rendered into configs and must stay stable); returns the deleted ids.
    func deleteTokens(createdBefore date: Date) async throws -> [String]

    /// The token bound to the named cluster, or nil.
    func token(forCluster name: String) async throws -> KeySpaceToken?
}
