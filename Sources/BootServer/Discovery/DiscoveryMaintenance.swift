import Discovery
import ServiceLifecycle

/// Runs discovery token expiry while the server runs; on graceful shutdown it ends the open long-polls
/// (empty 200s), so etcd members retry instead of holding the shutdown for a whole watch timeout.
struct DiscoveryMaintenance: Service {
    let service: DiscoveryService
    var interval: Duration = .seconds(3600)

    func run() async throws {
        await withGracefulShutdownHandler {
            await service.runExpiry(every: interval)
        } onGracefulShutdown: {
            Task { await service.closeWatches() }
        }
    }
}
