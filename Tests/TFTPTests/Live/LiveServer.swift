import NIOPosix
import TFTP

/// A TFTPServer running in-process on 127.0.0.1, port 0, with its logs recorded.
struct LiveServer {
    let server: TFTPServer
    let logs: LogRecorder
    private let task: Task<Void, any Error>

    var port: Int { server.localPort }

    static func start(root: String = LiveFiles.root,
                      configure: (inout TFTPServerConfiguration) -> Void = { _ in }) async throws -> LiveServer {
        var configuration = TFTPServerConfiguration(host: "127.0.0.1", port: 0, roots: [.directory(root)])
        configure(&configuration)
        let logs = LogRecorder()
        let server = try await TFTPServer.bind(configuration: configuration,
                                               eventLoopGroup: MultiThreadedEventLoopGroup.singleton,
                                               logger: logs.logger())
        let task = Task { try await server.run() }
        return LiveServer(server: server, logs: logs, task: task)
    }

    func stop() async {
        await server.close()
        _ = try? await task.value
    }

    /// Completed-transfer log lines.
    var completed: [LogRecorder.Entry] { logs.all.filter { $0.message == "tftp transfer completed" } }
}

/// Runs `body` with a fresh server and always stops it.
func withLiveServer<T>(configure: (inout TFTPServerConfiguration) -> Void = { _ in },
                       _ body: (LiveServer) async throws -> T) async throws -> T {
    let live = try await LiveServer.start(configure: configure)
    do {
        let result = try await body(live)
        await live.stop()
        return result
    } catch {
        await live.stop()
        throw error
    }
}
