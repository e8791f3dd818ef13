import Foundation

/// A small real HTTP/1.1 file server (Python's http.server, `Tests/Fixtures/http_server.py`) for download tests: GET with Range (206/416), POSTs
/// recorded as JSON lines, and fault injection per path — drop the connection after N body bytes for the first T
/// requests, or throttle. Binds 127.0.0.1 on an ephemeral port; `stop()` ends it by PID.
public final class TestHTTPServer: Sendable {
    public let root: URL
    public let port: Int
    let process: ManagedProcess

    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Serves files under `root` (the query string is ignored, so `/install?mac=…` serves `root/install`).
    /// `port` 0 picks a free one; pass a previous server's port to restart it in place.
    public init(root: URL, port: Int = 0) async throws {
        self.root = root
        let script = TestEnvironment.packageRoot.appendingPathComponent("Tests/Fixtures/http_server.py")
        let python = Tool.path("python3") ?? "/usr/bin/python3"
        process = try ManagedProcess(python, [script.path, root.path, String(port)])
        var found: Int?
        for _ in 0..<250 where found == nil {
            if let line = process.stdout.split(separator: "\n").first(where: { $0.hasPrefix("port ") }) { found = Int(line.dropFirst(5)) }
            if !process.isRunning { break }
            if found == nil { try await Task.sleep(for: .milliseconds(20)) }
        }
        guard let found else {
            await process.stop()
            throw ToolError.failed("python3 test server", -1, process.stderr)
        }
        self.port = found
    }

    public func stop() async { await process.stop(grace: .seconds(2)) }

    /// Stops the server synchronously (SIGKILL and reap), for `defer` blocks; it holds no state worth a graceful stop.
    public func stopNow() {
        guard process.isRunning else { return }
        process.signal(SIGKILL)
        process.process.waitUntilExit()
    }

    /// Abruptly kills the server (SIGKILL), as a crash would.
    public func kill() async {
        process.signal(SIGKILL)
        await process.wait(timeout: .seconds(5))
    }

    /// Drops the connection after `afterBytes` body bytes for the next `times` GETs of `path`; `rate` throttles (bytes/s);
    /// `delay` holds each of the next `times` requests (GET or POST) that long before it is answered or recorded.
    public func setFault(path: String, dropAfter afterBytes: Int? = nil, times: Int = 1, rate: Int? = nil,
                         delay: Duration? = nil) throws {
        var faults = (try? JSONSerialization.jsonObject(with: Data(contentsOf: faultsURL))) as? [String: Any] ?? [:]
        var fault: [String: Any] = ["times": times]
        if let afterBytes { fault["drop_after"] = afterBytes }
        if let rate { fault["rate"] = rate }
        if let delay { fault["delay"] = delay / .seconds(1) }
        faults[path] = fault
        try JSONSerialization.data(withJSONObject: faults).write(to: faultsURL, options: .atomic)
    }

    /// Each GET as `GET <path> <Range header or ->`.
    public var requests: [String] {
        ((try? String(contentsOf: root.appendingPathComponent(".requests.log"), encoding: .utf8)) ?? "")
            .split(separator: "\n").map(String.init)
    }

    /// Each POST received: path, Authorization header, and the JSON body.
    public var posts: [(path: String, authorization: String, body: [String: Any])] {
        let text = (try? String(contentsOf: root.appendingPathComponent(".posts.jsonl"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { line in
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { return nil }
            return (object["path"] as? String ?? "", object["authorization"] as? String ?? "", object["body"] as? [String: Any] ?? [:])
        }
    }

    var faultsURL: URL { root.appendingPathComponent(".faults.json") }
}
