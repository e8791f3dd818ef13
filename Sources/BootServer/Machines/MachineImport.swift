import Foundation
import ProvisionModel
import Yams

/// Parses a rack sheet: CSV with a header row (`mac,name,profile,ip,labels,metadata`; labels and metadata as
/// `k=v;k=v`), or a YAML list of machines. Bad rows are reported with their line number; good rows still parse.
public enum MachineImport {
    public struct Row: Sendable, Equatable {
        public var line: Int
        public var spec: MachineSpec
    }

    public struct Problem: Sendable, Equatable, Codable, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "line \(line): \(message)" }
    }

    public static func parse(_ text: String, format: String?) -> (rows: [Row], problems: [Problem]) {
        let yaml = format.map { $0 == "yaml" || $0 == "yml" } ?? text.drop(while: \.isWhitespace).hasPrefix("-")
        return yaml ? parseYAML(text) : parseCSV(text)
    }

    static let csvColumns: Set = ["mac", "name", "profile", "ip", "labels", "metadata"]

    static func parseCSV(_ text: String) -> (rows: [Row], problems: [Problem]) {
        var rows: [Row] = [], problems: [Problem] = []
        var header: [String]?
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = index + 1
            let trimmed = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let fields = CSVLine.split(trimmed)
            guard let columns = header else {
                let names = fields.map { $0.lowercased() }
                if let unknown = names.first(where: { !csvColumns.contains($0) }) {
                    problems.append(Problem(line: line, message: "unknown column '\(unknown)' (columns: mac,name,profile,ip,labels,metadata)"))
                    return (rows, problems)
                }
                guard names.contains("mac") else {
                    problems.append(Problem(line: line, message: "the header row must name a 'mac' column"))
                    return (rows, problems)
                }
                header = names
                continue
            }
            guard fields.count <= columns.count else {
                problems.append(Problem(line: line, message: "\(fields.count) fields, header has \(columns.count)"))
                continue
            }
            var values: [String: String] = [:]
            for (name, value) in zip(columns, fields) { values[name] = value }
            do {
                let spec = MachineSpec(mac: values["mac"], name: values["name"].nonEmpty, profile: values["profile"].nonEmpty,
                                       labels: try pairs(values["labels"]), metadata: try pairs(values["metadata"]),
                                       ip: values["ip"].nonEmpty)
                rows.append(Row(line: line, spec: spec))
            } catch {
                problems.append(Problem(line: line, message: error.description))
            }
        }
        return (rows, problems)
    }

    static func parseYAML(_ text: String) -> (rows: [Row], problems: [Problem]) {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else { return ([], []) }
            root = node
        } catch let error as YamlError {
            return ([], [Problem(line: YAMLPosition.line(of: error) ?? 1, message: "\(error)")])
        } catch {
            return ([], [Problem(line: 1, message: "\(error)")])
        }
        guard let items = root.sequence else {
            return ([], [Problem(line: (root.mark?.line ?? 1), message: "expected a YAML list of machines")])
        }
        var rows: [Row] = [], problems: [Problem] = []
        for item in items {
            let line = item.mark?.line ?? 1
            do {
                rows.append(Row(line: line, spec: try YAMLDecoder().decode(MachineSpec.self, from: item)))
            } catch {
                problems.append(Problem(line: line, message: "not a machine (mac, name, profile, ip, labels, metadata): \(error)"))
            }
        }
        return (rows, problems)
    }

    struct PairError: Error, CustomStringConvertible { let description: String }

    /// `k=v;k=v` → map.
    static func pairs(_ text: String?) throws(PairError) -> [String: String]? {
        guard let text, !text.isEmpty else { return nil }
        var map: [String: String] = [:]
        for pair in text.split(separator: ";") {
            let kv = pair.split(separator: "=", maxSplits: 1)
            guard kv.count == 2, !kv[0].isEmpty else { throw PairError(description: "'\(pair)' is not key=value") }
            map[String(kv[0]).trimmingCharacters(in: .whitespaces)] = String(kv[1]).trimmingCharacters(in: .whitespaces)
        }
        return map
    }
}

/// RFC 4180-style field splitting: commas, double-quoted fields with "" escapes.
enum CSVLine {
    static func split(_ line: String) -> [String] {
        var fields: [String] = [], current = "", quoted = false
        var chars = line.makeIterator()
        while let c = chars.next() {
            switch (c, quoted) {
            case ("\"", true):
                // "" inside quotes is a literal quote; a lone " ends the quoted part.
                if let next = chars.next() {
                    if next == "\"" { current.append("\"") } else { quoted = false; if next == "," { fields.append(current); current = "" } else { current.append(next) } }
                } else { quoted = false }
            case ("\"", false) where current.isEmpty: quoted = true
            case (",", false): fields.append(current); current = ""
            default: current.append(c)
            }
        }
        fields.append(current)
        return fields.map { $0.trimmingCharacters(in: .whitespaces) }
    }
}

enum YAMLPosition {
    /// The 1-based line a Yams error points at, when it carries one.
    static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): mark.line
        default: nil
        }
    }
}

extension Optional<String> {
    var nonEmpty: String? { flatMap { $0.isEmpty ? nil : $0 } }
}
