/// Why a template could not be compiled or rendered. Each case names the template file and line.
public enum TemplateError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The template is not valid Mustache (unterminated tag, unclosed or mismatched section, …).
    case syntax(file: String, line: Int, column: Int, message: String)
    /// A tag uses a Mustache feature templates here do not support (partials, inheritance blocks).
    case unsupported(file: String, line: Int, column: Int, tag: String)
    /// The template names a variable the render context does not have (missingkey=error).
    case missingVariable(file: String, line: Int, name: String)
    /// Asked to render a template that was never loaded.
    case unknownTemplate(String)

    public var description: String {
        switch self {
        case let .syntax(file, line, column, message):
            "\(file):\(line):\(column): \(message)"
        case let .unsupported(file, line, column, tag):
            "\(file):\(line):\(column): unsupported Mustache tag '\(tag)' (partials and inheritance are not available)"
        case let .missingVariable(file, line, name):
            "\(file):\(line): missing variable '\(name)'"
        case let .unknownTemplate(name):
            "no template '\(name)' is loaded"
        }
    }
}
