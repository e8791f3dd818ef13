import Foundation

/// A throwaway profiles directory for one test, removed when the test is done with it.
final class ProfileDirectory {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "profiles-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path + "/groups", withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Writes `text` to `name` (relative to the directory).
    func write(_ name: String, _ text: String) throws {
        try text.write(toFile: "\(path)/\(name)", atomically: true, encoding: .utf8)
    }
}
