/// One problem found in a YAML source: a cloud-config, a profile, a group, or a template.
///
/// `description` is the one-line form editors and CI logs understand: `file:line:column: message`
/// (warnings read `file:line:column: warning: message`). Lines and columns start at 1.
public struct CloudConfigProblem: Sendable, Equatable, Hashable, Codable, CustomStringConvertible {
    public enum Severity: String, Sendable, Equatable, Hashable, Codable {
        case error
        case warning
    }

    public var file: String
    public var line: Int
    public var column: Int
    public var message: String
    public var severity: Severity

    public init(file: String, line: Int, column: Int, message: String, severity: Severity = .error) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.severity = severity
    }

    public var description: String {
        let prefix = severity == .warning ? "warning: " : ""
        return "\(file):\(line):\(column): \(prefix)\(message)"
    }
}

extension Array where Element == CloudConfigProblem {
    /// Ordered as they appear in the file(s): by file, then line, then column; ties keep the order found.
    func inSourceOrder() -> [CloudConfigProblem] {
        enumerated().sorted { a, b in
            let (x, y) = (a.element, b.element)
            if x.file != y.file { return x.file < y.file }
            if x.line != y.line { return x.line < y.line }
            if x.column != y.column { return x.column < y.column }
            return a.offset < b.offset
        }.map(\.element)
    }

    /// Whether any problem is an error (warnings alone do not make a document invalid).
    public var containsErrors: Bool { contains { $0.severity == .error } }
}
