/// Async clean-up steps for a test (`defer` cannot await): registered as things start, run in reverse
/// order when the test body ends, whether it returned or threw.
public actor Teardown {
    private var steps: [@Sendable () async -> Void] = []

    public init() {}

    public func add(_ step: @escaping @Sendable () async -> Void) {
        steps.append(step)
    }

    func run() async {
        while let step = steps.popLast() { await step() }
    }
}

/// Runs `body`, then every step it registered on the `Teardown`, also when `body` throws.
public func withTeardown<T: Sendable>(_ body: (Teardown) async throws -> T) async throws -> T {
    let teardown = Teardown()
    do {
        let result = try await body(teardown)
        await teardown.run()
        return result
    } catch {
        await teardown.run()
        throw error
    }
}
