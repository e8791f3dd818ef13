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
    /// Ordered as they appear in the file(s): by file, then line, then column.
    func inSourceOrder() -> [CloudConfigProblem] {
        sorted { a, b in
            if a.file != b.file { return a.file < b.file }
            if a.line != b.line { return a.line < b.line }
            return a.column < b.column
        }
    }

    /// Whether any problem is an error (warnings alone do not make a document invalid).
    public var containsErrors: Bool { contains { $0.severity == .error } }
}
