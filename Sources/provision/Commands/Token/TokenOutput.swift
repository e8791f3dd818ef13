import Foundation

/// Text and JSON output of the token commands.
enum TokenOutput {
    static func printJSON(_ data: Data) {
        print(String(decoding: data, as: UTF8.self))
    }

    static func decode<T: Decodable>(_ type: T.Type, _ data: Data) throws -> T {
        do { return try JSONDecoder.api.decode(T.self, from: data) } catch {
            throw CLIError("unexpected reply from the server: \(error)")
        }
    }

    /// Accepts a bare token or a whole discovery URL (`http://host/discovery/<token>`).
    static func id(_ argument: String) throws -> String {
        let id = argument.split(separator: "/").last.map(String.init) ?? ""
        guard !id.isEmpty, id.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
            throw CLIError("'\(argument)' is not a discovery token or URL")
        }
        return id
    }

    static func details(_ t: TokenSummary) -> String {
        var lines = [
            "token    \(t.token)",
            "url      \(t.url)",
            "size     \(t.size)",
            "cluster  \(t.cluster ?? "-")",
            "created  \(time(t.createdAt))",
            "expires  \(t.expiresAt.map(time) ?? "never (cluster token)")",
            "index    \(t.index)",
            "members  \(t.members.count) of \(t.size)",
        ]
        let rows = [["ID", "NAME", "PEER URLS", "REGISTERED"]]
            + t.members.map { [$0.id, $0.name, $0.peerURLs.joined(separator: ","), time($0.registeredAt)] }
        if !t.members.isEmpty { lines += columns(rows).map { "  " + $0 } }
        return lines.joined(separator: "\n")
    }

    static func table(_ tokens: [TokenSummary]) -> String {
        let rows = [["TOKEN", "SIZE", "MEMBERS", "CLUSTER", "CREATED"]]
            + tokens.map { [$0.token, String($0.size), String($0.members.count), $0.cluster ?? "-", time($0.createdAt)] }
        return columns(rows).joined(separator: "\n")
    }

    private static func time(_ date: Date) -> String { date.formatted(.iso8601) }

    /// Left-aligned columns separated by two spaces.
    private static func columns(_ rows: [[String]]) -> [String] {
        let widths = (0..<(rows.first?.count ?? 0)).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }
    }
}
