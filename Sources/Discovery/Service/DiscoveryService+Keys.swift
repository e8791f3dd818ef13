import Foundation
import ProvisionStore

/// GET, PUT and DELETE of the keys below a token, with etcd's replies and errors.
extension DiscoveryService {
    func get(_ path: KeyPath, _ request: DiscoveryRequest) async throws -> DiscoveryResponse {
        let listing = try await existingListing(path)
        let index = listing.token.index
        let node: EtcdNode
        switch path {
        case .directory: node = .directory(listing, recursive: request.flag("recursive"), sorted: request.flag("sorted"))
        case .config: node = .config(of: listing.token, withChildren: true)
        case .size: node = .size(of: listing.token)
        case .key(_, let name):
            guard let key = listing.key(name) else { throw EtcdError(code: .keyNotFound, cause: path.etcdKey, index: index) }
            node = EtcdNode(token: listing.token.id, key: key)
        case .newToken, .root, .other: throw EtcdError(code: .keyNotFound, cause: path.etcdKey, index: index)
        }
        return .json(200, index: index, EtcdReply.get(node).json)
    }

    /// Only creation (`prevExist=false`) of keys directly below the token; `_config` is read-only.
    func put(_ path: KeyPath, _ request: DiscoveryRequest) async throws -> DiscoveryResponse {
        let token = try await existingToken(path)
        let create = request.parameter("prevExist") == "false"
        guard case .key(let id, let name) = path else {
            let exists = path == .directory(token: token.id) || path == .config(token: token.id) || path == .size(token: token.id)
            throw EtcdError(code: create && exists ? .keyExists : .rootReadOnly, cause: path.etcdKey, index: token.index)
        }
        guard create else { throw EtcdError(code: .invalidField, cause: "only create (prevExist=false) is supported", index: 0) }
        do {
            let event = try await store.createKey(name, value: request.parameter("value") ?? "", in: id, at: Date())
            await hub.publish(event, token: id)
            return .json(201, index: event.index, EtcdReply(token: id, event: event).json)
        } catch let error as StoreError where error.isAlreadyExists {
            throw EtcdError(code: .keyExists, cause: path.etcdKey, index: try await existingToken(path).index)
        }
    }

    func delete(_ path: KeyPath) async throws -> DiscoveryResponse {
        let token = try await existingToken(path)
        switch path {
        case .key(let id, let name):
            do {
                let event = try await store.deleteKey(name, in: id)
                await hub.publish(event, token: id)
                return .json(200, index: event.index, EtcdReply(token: id, event: event).json)
            } catch let error as StoreError where error.isNotFound {
                throw EtcdError(code: .keyNotFound, cause: path.etcdKey, index: token.index)
            }
        case .directory, .config: throw EtcdError(code: .notFile, cause: path.etcdKey, index: token.index)
        case .size: throw EtcdError(code: .rootReadOnly, cause: path.etcdKey, index: token.index)
        case .newToken, .root, .other: throw EtcdError(code: .keyNotFound, cause: path.etcdKey, index: token.index)
        }
    }

    /// The token `path` lies in; etcd's "Key not found" naming the token directory when there is none.
    func existingToken(_ path: KeyPath) async throws -> KeySpaceToken {
        guard let id = path.token, let token = try await store.token(id) else { throw Self.unknownToken(path) }
        return token
    }

    private func existingListing(_ path: KeyPath) async throws -> KeySpaceListing {
        guard let id = path.token, let listing = try await store.listing(id) else { throw Self.unknownToken(path) }
        return listing
    }

    private static func unknownToken(_ path: KeyPath) -> EtcdError {
        EtcdError(code: .keyNotFound, cause: path.token.map { "/\($0)" } ?? path.etcdKey, index: 0)
    }
}
