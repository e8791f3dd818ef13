import Foundation

/// A real `provision serve` process on 127.0.0.1 (an ephemeral port), with its own data, profiles and
/// assets directories under a temporary directory. Stopped by PID.
public final class ProvisionServer: @unchecked Sendable {
    // @unchecked: mutated only by the test that owns it (start/stop/restart are called sequentially).
    public let root: TemporaryDirectory
    public var dataDir: String { root.path + "/var" }
    public var profilesDir: String { root.path + "/profiles" }
    public var assetsDir: String { root.path + "/assets" }
    public let extraArguments: [String]
    /// Where the server runs: this namespace (nil: the test's own) and HTTP address.
    public let namespace: NetworkNamespace?
    public let host: String
    public private(set) var process: ManagedProcess?
    public private(set) var url = ""
    private var port: Int

    /// Copies `profiles` (default: the repository's sample profiles) into the temp dir and starts the server.
    public init(profiles: URL? = nil, extraArguments: [String] = [], namespace: NetworkNamespace? = nil,
                host: String = "127.0.0.1", port: Int = 0) async throws {
        root = try TemporaryDirectory("provision-server")
        self.extraArguments = extraArguments
        self.namespace = namespace
        self.host = host
        self.port = port
        let source = profiles ?? TestEnvironment.packageRoot.appendingPathComponent("profiles")
        try FileManager.default.copyItem(atPath: source.path, toPath: profilesDir)
        try FileManager.default.createDirectory(atPath: assetsDir, withIntermediateDirectories: true)
        try await start()
    }

    /// Starts a server, runs `body` with it, and shuts it down (stopped by PID, directories removed) whether
    /// `body` returned or threw.
    public static func run<T: Sendable>(profiles: URL? = nil, extraArguments: [String] = [], namespace: NetworkNamespace? = nil,
                                        host: String = "127.0.0.1", port: Int = 0,
                                        _ body: (ProvisionServer) async throws -> T) async throws -> T {
        let server = try await ProvisionServer(profiles: profiles, extraArguments: extraArguments, namespace: namespace,
                                               host: host, port: port)
        do {
            let result = try await body(server)
            await server.shutdown()
            return result
        } catch {
            await server.shutdown()
            throw error
        }
    }

    public var adminToken: String {
        ((try? String(contentsOfFile: dataDir + "/admin-token", encoding: .utf8)) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Starts (again, on the same port after the first start) and waits for the "listening" line.
    public func start() async throws {
        let arguments = ["serve", "--http", "\(host):\(port)", "--data", dataDir, "--profiles", profilesDir,
                         "--assets", assetsDir, "--tftp", "off"] + extraArguments
        let (executable, inNamespace) = namespace?.command([TestEnvironment.provisionBinary.path] + arguments)
            ?? (TestEnvironment.provisionBinary.path, arguments)
        let p = try ManagedProcess(executable, inNamespace)
        process = p
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            if let line = p.stdout.split(separator: "\n").first(where: { $0.contains("listening on http") }),
               let bound = line.split(separator: ":").last.flatMap({ Int($0) }) {
                port = bound
                url = (line.contains("https://") ? "https" : "http") + "://\(host):\(bound)"
                return
            }
            if !p.isRunning { throw ToolError.failed("provision serve", p.process.terminationStatus, p.stderr) }
            try await Task.sleep(for: .milliseconds(25))
        }
        await p.stop()
        throw ToolError.failed("provision serve", -1, "did not report listening within 30 s: \(p.stderr)")
    }

    public func stop() async {
        await process?.stop()
    }

    public func restart() async throws {
        await stop()
        try await start()
    }

    /// Stops the server and removes its directories.
    public func shutdown() async {
        await stop()
        root.remove()
    }

    /// Runs the `provision` CLI against this server (admin token and URL from the environment).
    /// In the server's namespace when it has one.
    public func cli(_ arguments: [String]) async throws -> (status: Int32, stdout: String, stderr: String) {
        let binary = TestEnvironment.provisionBinary.path
        let (executable, inNamespace) = namespace?.command([binary] + arguments) ?? (binary, arguments)
        return try await Tool.status(executable, inNamespace, environment: ["PROVISION_SERVER": url, "PROVISION_TOKEN": adminToken])
    }

    public var serverLog: String { process?.stderr ?? "" }
}
