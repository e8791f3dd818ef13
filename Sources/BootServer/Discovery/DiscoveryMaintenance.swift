import Discovery
import ServiceLifecycle

/// Runs discovery token expiry while the server runs. On graceful shutdown it stops, and ends the open
/// long-polls (empty 200s, and at once for watches arriving later) so etcd members retry elsewhere or
/// later instead of holding the shutdown for a whole watch timeout.
struct DiscoveryMaintenance: Service {
    let service: DiscoveryService
    var interval: Duration = .seconds(3600)

    func run() async throws {
        await withGracefulShutdownHandler {
            await cancelWhenGracefulShutdown { await service.runExpiry(every: interval) }
        } onGracefulShutdown: {
            Task { await service.closeWatches() }
        }
    }
}
