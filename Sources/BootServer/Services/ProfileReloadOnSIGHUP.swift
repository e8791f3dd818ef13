import Logging
import ServiceLifecycle
import UnixSignals

/// Reloads the profiles on each SIGHUP, the way daemons are told to re-read their configuration.
struct ProfileReloadOnSIGHUP: Service {
    let catalog: ProfileCatalog
    let logger: Logger

    func run() async throws {
        for await _ in await UnixSignalsSequence(trapping: .sighup).cancelOnGracefulShutdown() {
            catalog.reload(logger: logger)
        }
    }
}
