import Foundation
import ProvisionStore

/// Tokens for operators (`provision token …`), profiles (`discovery: {cluster, size}`) and garbage collection.
extension DiscoveryService {
    /// Creates a token with a fresh random id; `size` defaults to `configuration.defaultSize`.
    /// With `cluster`, the token becomes that cluster's (throws `DiscoveryError.clusterTaken` when it has one).
    public func createToken(size: Int? = nil, cluster: String? = nil) async throws -> KeySpaceToken {
        let size = size ?? configuration.defaultSize
        guard DiscoveryConfiguration.sizes.contains(size) else { throw DiscoveryError.invalidSize(String(size)) }
        if let cluster {
            guard Self.isValidClusterName(cluster) else { throw DiscoveryError.invalidClusterName(cluster) }
            if try await store.token(forCluster: cluster) != nil { throw DiscoveryError.clusterTaken(cluster) }
        }
        for _ in 0..<4 {
            do {
                let token = try await store.createToken(TokenGenerator.make(), size: size, cluster: cluster, at: Date())
                logger.info("discovery: token \(token.id) created (size \(size)\(cluster.map { ", cluster \($0)" } ?? ""))")
                return token
            } catch let error as StoreError where error.isAlreadyExists {
                if let cluster, try await store.token(forCluster: cluster) != nil { throw DiscoveryError.clusterTaken(cluster) }
            }
        }
        throw StoreError.conflict("discovery token ids keep colliding")
    }

    /// The discovery URL of a profile's named cluster: the first call creates its token, later calls
    /// (and concurrent ones) get the same URL. A later different `size` does not change an existing token.
    public func clusterURL(cluster: String, size: Int, publicURL: String) async throws -> String {
        // Every /cloud-config of a clustered profile asks: answer from memory once the token is known.
        if let id = clusterTokens.token(for: cluster) { return Self.url(publicURL: publicURL, token: id) }
        let generation = clusterTokens.generation
        let token = try await clusterToken(cluster: cluster, size: size)
        clusterTokens.remember(token.id, for: cluster, ifStillAt: generation)
        return Self.url(publicURL: publicURL, token: token.id)
    }

    private func clusterToken(cluster: String, size: Int) async throws -> KeySpaceToken {
        if let token = try await store.token(forCluster: cluster) {
            if token.size != size {
                logger.warning("discovery: cluster \(cluster) keeps its token of size \(token.size) (profile asks \(size))")
            }
            return token
        }
        do {
            return try await createToken(size: size, cluster: cluster)
        } catch let error as DiscoveryError where error.isConflict {
            guard let token = try await store.token(forCluster: cluster) else { throw error }
            return token
        }
    }

    /// A token's size, cluster, expiry and registered members. Throws `DiscoveryError.tokenNotFound`.
    public func tokenInfo(_ id: String, publicURL: String) async throws -> TokenInfo {
        guard let listing = try await store.listing(id) else { throw DiscoveryError.tokenNotFound(id) }
        return info(listing, publicURL: publicURL)
    }

    /// Every token, oldest first (`provision token list`, `GET /api/v1/tokens`); tokens removed meanwhile are skipped.
    public func tokenInfos(publicURL: String) async throws -> [TokenInfo] {
        var infos: [TokenInfo] = []
        for token in try await store.tokens() {
            if let listing = try await store.listing(token.id) { infos.append(info(listing, publicURL: publicURL)) }
        }
        return infos
    }

    /// Deletes a token, its members and history; its open watches end. Throws `DiscoveryError.tokenNotFound`.
    public func removeToken(_ id: String) async throws {
        do {
            try await store.deleteToken(id)
        } catch let error as StoreError where error.isNotFound {
            throw DiscoveryError.tokenNotFound(id)
        }
        clusterTokens.forget(id)
        await hub.finishAll(token: id)
        logger.info("discovery: token \(id) removed")
    }

    /// Deletes unnamed tokens older than `configuration.tokenLifetime`; returns their ids.
    @discardableResult
    public func collectExpiredTokens(now: Date = Date()) async throws -> [String] {
        let expired = try await store.deleteTokens(createdBefore: now.addingTimeInterval(-configuration.tokenLifetime.seconds))
        for id in expired { await hub.finishAll(token: id) }
        if !expired.isEmpty { logger.info("discovery: \(expired.count) expired token(s) removed") }
        return expired
    }

    /// Runs `collectExpiredTokens` every `interval` until the task is cancelled (the server's GC loop).
    public func runExpiry(every interval: Duration = .seconds(3600)) async {
        while !Task.isCancelled {
            do {
                try await collectExpiredTokens()
                try await Task.sleep(for: interval)
            } catch is CancellationError {
                return
            } catch {
                logger.error("discovery: token expiry: \(error)")
                try? await Task.sleep(for: interval)
            }
        }
    }

    private func info(_ listing: KeySpaceListing, publicURL: String) -> TokenInfo {
        TokenInfo(listing: listing, url: Self.url(publicURL: publicURL, token: listing.token.id),
                  lifetime: configuration.tokenLifetime.seconds)
    }

    /// Parses a `size` parameter: nil stays nil (the default applies); anything but 1–99 throws.
    static func size(_ text: String?) throws -> Int? {
        guard let text else { return nil }
        guard let size = Int(text), DiscoveryConfiguration.sizes.contains(size) else { throw DiscoveryError.invalidSize(text) }
        return size
    }

    static func isValidClusterName(_ name: String) -> Bool {
        (1...63).contains(name.utf8.count) && name.utf8.allSatisfy { byte in
            (48...57).contains(byte) || (65...90).contains(byte) || (97...122).contains(byte) || byte == 45 || byte == 46 || byte == 95
        }
    }
}
