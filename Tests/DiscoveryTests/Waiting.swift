import Foundation

/// Polls `condition` every few milliseconds; throws when it is still false after `timeout`.
func waitUntil(timeout: Duration = .seconds(20), _ condition: () async throws -> Bool) async throws {
    let deadline = ContinuousClock.now + timeout
    while try await !condition() {
        guard ContinuousClock.now < deadline else { throw WaitTimeout() }
        try await Task.sleep(for: .milliseconds(2))
    }
}

struct WaitTimeout: Error, CustomStringConvertible {
    var description: String { "condition still false at the deadline" }
}

/// Which of several concurrently started requests have been answered.
actor AnsweredRequests {
    private var numbers: Set<Int> = []
    func insert(_ number: Int) { numbers.insert(number) }
    func contains(_ number: Int) -> Bool { numbers.contains(number) }
}
