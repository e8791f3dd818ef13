/// Checks a cloud-config offline the way `coreos-cloudinit --validate` does: the `#cloud-config` header,
/// YAML syntax, and the CoreOS schema (keys, types, enumerations, units, write_files, octal permissions).
///
/// Pure: text in, problems out. Every problem is reported (not just the first), in source order, each
/// with the 1-based line and column of the offending key or value. `$private_ipv4`/`$public_ipv4` are
/// ordinary text here; the host substitutes them at boot.
public enum CloudConfigValidator {
    public static let header = "#cloud-config"

    /// All problems in `text`; empty means valid. `file` is only used to label the problems.
    public static func validate(_ text: String, file: String) -> [CloudConfigProblem] {
        var problems: [CloudConfigProblem] = []
        if !hasHeader(text) {
            problems.append(CloudConfigProblem(
                file: file, line: 1, column: 1, message: "first line must be '\(header)'"))
        }
        switch YAMLSource.compose(text, file: file) {
        case .syntaxError(let problem):
            problems.append(problem)
        case .document(nil):
            break
        case .document(let root?):
            var checker = SchemaChecker(file: file)
            checker.check(root, against: CloudConfigSchema.root, path: "")
            problems += checker.problems
        }
        return problems.inSourceOrder()
    }

    /// Whether the first line is exactly `#cloud-config` (a trailing CR is tolerated).
    public static func hasHeader(_ text: String) -> Bool {
        // "\r\n" is one Character in Swift, so compare Unicode scalars.
        let firstLine = text.unicodeScalars.prefix { $0 != "\n" && $0 != "\r" }
        return String(String.UnicodeScalarView(firstLine)) == header
    }
}
