import CloudConfig
import Logging
import ProvisionModel
import Synchronization

/// The profiles being served. Reload is all-or-nothing: a broken directory is reported
/// (file:line:column) and the previous good set keeps serving.
public final class ProfileCatalog: Sendable {
    public let directory: String
    private let loaded: Mutex<(profiles: LoadedProfiles, generation: Int)>

    /// Loads `directory`; throws when the first load fails (there is no previous set to fall back to).
    public init(directory: String) throws(ProfileLoadError) {
        self.directory = directory
        self.loaded = Mutex((try ProfileLoader.load(directory: directory), 1))
    }

    public var current: LoadedProfiles { loaded.withLock { $0.profiles } }

    /// The current set and its generation, which moves on every successful reload (for caches keyed on it).
    public var snapshot: (profiles: LoadedProfiles, generation: Int) { loaded.withLock { $0 } }

    /// Re-reads the directory. On failure the current set stays and the error says what and where.
    @discardableResult
    public func reload(logger: Logger) -> Result<LoadedProfiles, ProfileLoadError> {
        do {
            let fresh = try ProfileLoader.load(directory: directory)
            loaded.withLock { $0 = (fresh, $0.generation + 1) }
            logger.info("profiles reloaded", metadata: [
                "profiles": "\(fresh.set.profiles.count)", "groups": "\(fresh.set.groups.count)",
            ])
            return .success(fresh)
        } catch {
            logger.error("profiles not reloaded, previous set keeps serving: \(error)")
            return .failure(error)
        }
    }
}
