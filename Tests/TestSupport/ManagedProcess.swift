import Foundation
import Synchronization

/// A child process started by a test: output captured to files, stopped by PID when the test is done.
public final class ManagedProcess: @unchecked Sendable {
    // @unchecked: `process` is only touched through Foundation's thread-safe Process API.
    public let process: Process
    public let stdoutURL: URL
    public let stderrURL: URL

    public init(_ executable: String, _ arguments: [String], environment: [String: String]? = nil,
                currentDirectory: URL? = nil) throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: try ManagedProcess.resolve(executable))
        process.arguments = arguments
        if let environment { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        if let currentDirectory { process.currentDirectoryURL = currentDirectory }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("proc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        stdoutURL = dir.appendingPathComponent("stdout")
        stderrURL = dir.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: stdoutURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: stdoutURL)
        process.standardError = try FileHandle(forWritingTo: stderrURL)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        LiveProcesses.shared.add(process.processIdentifier)
    }

    public var pid: Int32 { process.processIdentifier }
    public var stdout: String { (try? String(contentsOf: stdoutURL, encoding: .utf8)) ?? "" }
    public var stderr: String { (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? "" }
    public var isRunning: Bool { process.isRunning }

    /// Waits for exit (bounded); returns the exit status, or nil if it is still running at the deadline.
    @discardableResult
    public func wait(timeout: Duration = .seconds(60)) async -> Int32? {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            if ContinuousClock.now >= deadline { return nil }
            try? await Task.sleep(for: .milliseconds(20))
        }
        LiveProcesses.shared.remove(pid)
        return process.terminationStatus
    }

    /// SIGTERM, then SIGKILL after a grace period. Safe to call more than once.
    public func stop(grace: Duration = .seconds(5)) async {
        defer { LiveProcesses.shared.remove(pid) }
        guard process.isRunning else { return }
        kill(pid, SIGTERM)
        if await wait(timeout: grace) == nil {
            kill(pid, SIGKILL)
            await wait(timeout: .seconds(5))
        }
    }

    public func signal(_ sig: Int32) { kill(pid, sig) }

    static func resolve(_ executable: String) throws -> String {
        if executable.contains("/") { return executable }
        guard let found = Tool.path(executable) else { throw ToolError.notFound(executable) }
        return found
    }
}

public enum ToolError: Error, CustomStringConvertible {
    case notFound(String)
    case failed(String, Int32, String)
    public var description: String {
        switch self {
        case .notFound(let name): "\(name) not found on PATH"
        case .failed(let cmd, let status, let err): "\(cmd) exited \(status): \(err)"
        }
    }
}

/// Finds tools and runs short commands to completion.
public enum Tool {
    public static func path(_ name: String) -> String? {
        let dirs = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
            .split(separator: ":").map(String.init) + ["/usr/sbin", "/sbin", "/usr/local/sbin"]
        for dir in dirs where FileManager.default.isExecutableFile(atPath: "\(dir)/\(name)") {
            return "\(dir)/\(name)"
        }
        return nil
    }

    public static func exists(_ name: String) -> Bool { path(name) != nil }

    /// Runs a command to completion; throws with its stderr when it exits non-zero.
    @discardableResult
    public static func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil,
                           timeout: Duration = .seconds(120)) async throws -> (stdout: String, stderr: String) {
        let p = try ManagedProcess(executable, arguments, environment: environment)
        guard let status = await p.wait(timeout: timeout) else {
            await p.stop()
            throw ToolError.failed(([executable] + arguments).joined(separator: " "), -1, "timed out")
        }
        guard status == 0 else {
            throw ToolError.failed(([executable] + arguments).joined(separator: " "), status, p.stderr + p.stdout)
        }
        return (p.stdout, p.stderr)
    }

    /// Runs a command and returns status and output without throwing on a non-zero exit.
    public static func status(_ executable: String, _ arguments: [String], environment: [String: String]? = nil,
                              timeout: Duration = .seconds(120)) async throws -> (status: Int32, stdout: String, stderr: String) {
        let p = try ManagedProcess(executable, arguments, environment: environment)
        guard let status = await p.wait(timeout: timeout) else {
            await p.stop()
            return (-1, p.stdout, p.stderr)
        }
        return (status, p.stdout, p.stderr)
    }
}

/// Every child a test started and has not stopped yet. If the test binary exits first (a crash, a test that forgot
/// its clean-up), they are killed at exit by PID, so no server outlives the run.
final class LiveProcesses: Sendable {
    static let shared = LiveProcesses()
    private let pids = Mutex<Set<Int32>>([])

    private init() {
        atexit { LiveProcesses.shared.killAll() }
    }

    func add(_ pid: Int32) { _ = pids.withLock { $0.insert(pid) } }
    func remove(_ pid: Int32) { _ = pids.withLock { $0.remove(pid) } }

    func killAll() {
        for pid in pids.withLock({ $0 }) { kill(pid, SIGKILL) }
    }
}
