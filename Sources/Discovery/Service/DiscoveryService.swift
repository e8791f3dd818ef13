import Foundation
import Logging
import ProvisionStore

/// The private etcd v2 discovery service: the subset of etcd's v2 keys API that etcd's discovery client
/// uses, over a `KeySpaceStore`, plus token management for operators and profiles.
///
/// Transport-free: `respond(to:publicURL:)` maps a `DiscoveryRequest` to a complete `DiscoveryResponse`;
/// the HTTP routes only translate. Watches are long-polls parked in a `WatchHub` (no thread each) and
/// woken by this service's own writes; a store shared with other replicas feeds theirs through `notify`.
public final class DiscoveryService: Sendable {
    public let store: any KeySpaceStore
    public let configuration: DiscoveryConfiguration
    let hub = WatchHub()
    let clusterTokens = ClusterTokenCache()
    let logger: Logger

    public init(store: any KeySpaceStore, configuration: DiscoveryConfiguration = .init(),
                logger: Logger = Logger(label: "provision.discovery")) {
        self.store = store
        self.configuration = configuration
        self.logger = logger
    }

    /// Answers one request below `/discovery`. Never throws: every failure is an etcd-shaped error reply.
    /// `publicURL` (the server's `--public-url`) is only used to spell new tokens' URLs.
    public func respond(to request: DiscoveryRequest, publicURL: String) async -> DiscoveryResponse {
        let path = KeyPath(request.path)
        do {
            switch (path, request.method) {
            case (.newToken, "GET"), (.newToken, "POST"): return await newTokenResponse(request, publicURL: publicURL)
            case (.newToken, _): return .text(405, "Method Not Allowed")
            case (.root, _): return .text(404, "404 page not found")
            case (_, "GET"): return try await request.flag("wait") ? watch(path, request) : get(path, request)
            case (_, "PUT"): return try await put(path, request)
            case (_, "DELETE"): return try await delete(path)
            default: return .text(405, "Method Not Allowed")
            }
        } catch let error as EtcdError {
            return error.response
        } catch {
            logger.error("discovery \(request.method) \(request.path): \(error)")
            return EtcdError(code: .raftInternal, cause: "\(error)", index: 0).response
        }
    }

    /// The URL etcd members are given: `<publicURL>/discovery/<token>`, byte-identical for every member.
    public static func url(publicURL: String, token: String) -> String {
        var base = Substring(publicURL)
        while base.hasSuffix("/") { base = base.dropLast() }
        return "\(base)/discovery/\(token)"
    }

    /// Number of long-polls currently open (for metrics).
    public var openWatches: Int {
        get async { await hub.count }
    }

    /// Tells waiting watches about a write made elsewhere (another replica, through a shared store).
    /// This service's own writes notify by themselves.
    public func notify(_ event: KeySpaceEvent, token: String) async {
        await hub.publish(event, token: token)
    }

    /// Ends every open long-poll with an empty 200, and later ones at once (at shutdown, so clients retry
    /// elsewhere or later). Replayed events are still answered.
    public func closeWatches() async {
        await hub.finishAll()
    }

    private func newTokenResponse(_ request: DiscoveryRequest, publicURL: String) async -> DiscoveryResponse {
        do {
            let token = try await createToken(size: try Self.size(request.parameter("size")))
            return .text(201, Self.url(publicURL: publicURL, token: token.id))
        } catch let error as DiscoveryError {
            return .text(400, "\(error)\n")
        } catch {
            logger.error("discovery: creating a token: \(error)")
            return .text(500, "cannot create a token: \(error)\n")
        }
    }
}
