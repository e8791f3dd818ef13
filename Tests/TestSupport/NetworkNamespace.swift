import Foundation

/// A network namespace a test creates (root only) and deletes, by name. Processes started in it through
/// `command(_:)` keep their PID (`ip netns exec` execs in place), so they are stopped by PID like any other.
public struct NetworkNamespace: Sendable {
    public let name: String

    /// Creates `<prefix>-<pid>-<n>` with its loopback up.
    public static func create(_ prefix: String) async throws -> NetworkNamespace {
        let namespace = NetworkNamespace(name: "\(prefix)-\(getpid())-\(UInt16.random(in: 0...UInt16.max))")
        try await Tool.run("ip", ["netns", "add", namespace.name])
        try await namespace.run(["ip", "link", "set", "lo", "up"])
        return namespace
    }

    /// `ip netns exec <name>` + arguments, for `ManagedProcess`.
    public func command(_ arguments: [String]) -> (executable: String, arguments: [String]) {
        ("ip", ["netns", "exec", name] + arguments)
    }

    @discardableResult
    public func run(_ arguments: [String], environment: [String: String]? = nil,
                    timeout: Duration = .seconds(120)) async throws -> (stdout: String, stderr: String) {
        let (executable, args) = command(arguments)
        return try await Tool.run(executable, args, environment: environment, timeout: timeout)
    }

    public func delete() async {
        _ = try? await Tool.status("ip", ["netns", "delete", name])
    }

    /// Why namespace tests cannot run here, or nil.
    public static var unavailable: String? {
        if !TestEnvironment.isRoot {
            print("skipped: network namespaces need root")
            return "needs root (network namespaces)"
        }
        return TestEnvironment.missingTools("ip")
    }
}
