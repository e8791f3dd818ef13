import Foundation

/// One request/reply pair of the reference trace (`Tests/Fixtures/discovery/etcd-discovery-trace.txt`,
/// a real etcd 3.4.23 member talking to a discovery URL).
struct TraceEntry: Sendable, CustomStringConvertible {
    var member: String
    var start: Double
    var method: String
    var path: String
    var query: String?
    var body: String?
    var status: Int
    var etcdIndex: UInt64
    var json: String

    var isWatch: Bool { query?.contains("wait=true") == true }
    var description: String { "\(member)@\(start) \(method) \(path)?\(query ?? "")" }

    static var fixture: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/discovery/etcd-discovery-trace.txt")
    }

    /// Parses the trace: a request line (`m1  t= 0.409-> 0.410 GET /path?query [body=…]`) followed by
    /// its reply line (`=> 200 X-Etcd-Index=2 {json}`).
    static func load() throws -> [TraceEntry] {
        let lines = try String(contentsOf: fixture, encoding: .utf8).split(separator: "\n").map(String.init)
        var entries: [TraceEntry] = []
        var index = 0
        while index + 1 < lines.count {
            entries.append(try parse(request: lines[index], reply: lines[index + 1]))
            index += 2
        }
        return entries
    }

    private static func parse(request: String, reply: String) throws -> TraceEntry {
        let requestPattern = /^(m\d+)\s+t=\s*([\d.]+)->\s*[\d.]+\s+([A-Z]+)\s+([^?\s]+)(?:\?(\S+))?(?:\s+body=(\S+))?$/
        let replyPattern = /^\s+=>\s+(\d+)\s+X-Etcd-Index=(\d+)\s+(.*)$/
        guard let r = request.wholeMatch(of: requestPattern), let start = Double(r.2),
              let p = reply.wholeMatch(of: replyPattern), let status = Int(p.1), let etcdIndex = UInt64(p.2) else {
            throw TraceError(line: request)
        }
        return TraceEntry(member: String(r.1), start: start, method: String(r.3), path: String(r.4),
                          query: r.5.map(String.init), body: r.6.map(String.init),
                          status: status, etcdIndex: etcdIndex, json: String(p.3))
    }
}

struct TraceError: Error, CustomStringConvertible {
    var line: String
    var description: String { "unparseable trace line: \(line)" }
}
