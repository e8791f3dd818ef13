import Yams

/// Parses YAML text into a node tree that keeps positions, turning libyaml's errors into problems.
enum YAMLSource {
    /// The document's root node (nil for an empty document), or the syntax error as a problem.
    enum Parsed {
        case document(Node?)
        case syntaxError(CloudConfigProblem)
    }

    static func compose(_ text: String, file: String) -> Parsed {
        do {
            // The basic resolver leaves every scalar a string; `ScalarKind` types them without regexes.
            return .document(try Yams.compose(yaml: text, .basic))
        } catch let error as YamlError {
            return .syntaxError(problem(from: error, text: text, file: file))
        } catch {
            return .syntaxError(CloudConfigProblem(file: file, line: 1, column: 1, message: "YAML error: \(error)"))
        }
    }

    private static func problem(from error: YamlError, text: String, file: String) -> CloudConfigProblem {
        func at(_ mark: Mark, _ message: String) -> CloudConfigProblem {
            CloudConfigProblem(file: file, line: mark.line, column: mark.column, message: message)
        }
        func at(_ position: (line: Int, column: Int), _ message: String) -> CloudConfigProblem {
            CloudConfigProblem(file: file, line: position.line, column: position.column, message: message)
        }
        func syntax(_ context: YamlError.Context?, _ problem: String) -> String {
            let lead = context.map { "\($0.text): " } ?? ""
            return "YAML syntax error: \(lead)\(problem)"
        }
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            return at(mark, syntax(context, problem))
        case let .duplicatedKeysInMapping(duplicates, context):
            let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            return at(context.mark, "duplicate key \(keys) in mapping")
        case let .reader(problem, offset, _, _):
            let position = offset.map { Self.position(atUTF8Offset: $0, in: text) } ?? (1, 1)
            return at(position, "unreadable YAML: \(problem)")
        default:
            return CloudConfigProblem(file: file, line: 1, column: 1, message: "YAML error: \(error)")
        }
    }

    private static func position(atUTF8Offset offset: Int, in text: String) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        for byte in text.utf8.prefix(offset) {
            if byte == UInt8(ascii: "\n") { line += 1; column = 1 } else if byte & 0xC0 != 0x80 { column += 1 }
        }
        return (line, column)
    }
}
