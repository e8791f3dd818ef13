/// A small scanner for Mustache tags: `{{x}}`, `{{{x}}}`, `{{&x}}`, `{{#x}}…{{/x}}`, `{{^x}}…{{/x}}`,
/// comments, delimiter changes and pragmas, keeping section scopes and line numbers.
///
/// swift-mustache renders a missing variable as empty text; this scanner lets `VariableCheck` refuse that
/// instead. It reads Unicode scalars so lines and columns match what editors show.
struct TemplateScanner {
    private let scalars: [Unicode.Scalar]
    private let file: String
    private var position = 0
    private var line = 1
    private var lineStart = 0
    private var open: [Unicode.Scalar] = Array("{{".unicodeScalars)
    private var close: [Unicode.Scalar] = Array("}}".unicodeScalars)

    fileprivate struct OpenSection {
        var reference: TemplateReference
        var column: Int
        var inverted: Bool
        var body: [TemplateTag] = []
    }

    init(text: String, file: String) {
        self.scalars = Array(text.unicodeScalars)
        self.file = file
    }

    /// The template's tags as a tree of sections.
    static func scan(_ text: String, file: String) throws(TemplateError) -> [TemplateTag] {
        var scanner = TemplateScanner(text: text, file: file)
        return try scanner.scanAll()
    }

    private mutating func scanAll() throws(TemplateError) -> [TemplateTag] {
        var stack = [OpenSection(reference: TemplateReference(name: "", line: 0, readsSequenceContext: false),
                                 column: 0, inverted: false)]
        while let start = find(open, from: position) {
            advance(to: start)
            let tagLine = line
            let tagColumn = start - lineStart + 1
            let (content, triple) = try readTag(startingAt: start, line: tagLine, column: tagColumn)
            try handle(content, triple: triple, line: tagLine, column: tagColumn, stack: &stack)
        }
        if stack.count > 1, let unclosed = stack.last {
            throw .syntax(file: file, line: unclosed.reference.line, column: unclosed.column,
                          message: "section '\(unclosed.reference.name)' is never closed")
        }
        return stack[0].body
    }

    /// Reads one tag's inner text; moves past its closing delimiter.
    private mutating func readTag(startingAt start: Int, line: Int, column: Int) throws(TemplateError) -> (String, Bool) {
        var contentStart = start + open.count
        var closing = close
        let triple = isDefaultDelimiters && contentStart < scalars.count && scalars[contentStart] == "{"
        if triple {
            contentStart += 1
            closing = Array("}}}".unicodeScalars)
        }
        guard let end = find(closing, from: contentStart) else {
            throw .syntax(file: file, line: line, column: column, message: "tag is never closed")
        }
        let content = String(String.UnicodeScalarView(scalars[contentStart..<end]))
        advance(to: end + closing.count)
        return (content, triple)
    }

    private mutating func handle(_ content: String, triple: Bool, line: Int, column: Int,
                                 stack: inout [OpenSection]) throws(TemplateError) {
        let trimmed = content.trimmingWhitespace()
        if triple { return stack.appendTag(.variable(reference(trimmed, line: line))) }
        let sigil = trimmed.first
        let rest = String(trimmed.dropFirst()).trimmingWhitespace()
        switch sigil {
        case "!", "%":
            return
        case "=":
            try setDelimiters(trimmed, line: line, column: column)
        case "#", "^":
            stack.append(OpenSection(reference: reference(rest, line: line), column: column, inverted: sigil == "^"))
        case "/":
            try closeSection(named: rest, line: line, column: column, stack: &stack)
        case ">", "<", "$":
            throw .unsupported(file: file, line: line, column: column, tag: trimmed)
        case "&":
            stack.appendTag(.variable(reference(rest, line: line)))
        default:
            guard !trimmed.isEmpty else {
                throw .syntax(file: file, line: line, column: column, message: "empty tag")
            }
            stack.appendTag(.variable(reference(trimmed, line: line)))
        }
    }

    private func closeSection(named name: String, line: Int, column: Int,
                              stack: inout [OpenSection]) throws(TemplateError) {
        guard stack.count > 1, let section = stack.popLast() else {
            throw .syntax(file: file, line: line, column: column, message: "closing tag '/\(name)' has no open section")
        }
        let opened = section.reference
        guard name == opened.name || reference(name, line: line).name == opened.name else {
            throw .syntax(file: file, line: line, column: column,
                          message: "closing tag '/\(name)' does not match section '\(opened.name)' opened on line \(opened.line)")
        }
        stack.appendTag(.section(opened, inverted: section.inverted, body: section.body))
    }

    /// `{{=<% %>=}}`
    private mutating func setDelimiters(_ tag: String, line: Int, column: Int) throws(TemplateError) {
        let inner = tag.dropFirst()
        let parts = (inner.hasSuffix("=") ? inner.dropLast() : inner).split(whereSeparator: \.isWhitespace)
        guard inner.hasSuffix("="), parts.count == 2 else {
            throw .syntax(file: file, line: line, column: column, message: "invalid delimiter change '\(tag)'")
        }
        open = Array(parts[0].unicodeScalars)
        close = Array(parts[1].unicodeScalars)
    }

    /// The variable a tag reads: `name`, or the innermost argument of transforms like `upper(name)`.
    private func reference(_ text: String, line: Int) -> TemplateReference {
        guard let openParen = text.lastIndex(of: "(") else {
            return TemplateReference(name: text, line: line, readsSequenceContext: false)
        }
        let argument = text[text.index(after: openParen)...].prefix { $0 != ")" }
        return TemplateReference(name: String(argument), line: line, readsSequenceContext: argument.isEmpty)
    }

    private var isDefaultDelimiters: Bool {
        open == Array("{{".unicodeScalars) && close == Array("}}".unicodeScalars)
    }

    private func find(_ needle: [Unicode.Scalar], from start: Int) -> Int? {
        guard !needle.isEmpty, start + needle.count <= scalars.count else { return nil }
        var index = start
        while index + needle.count <= scalars.count {
            if scalars[index] == needle[0], Array(scalars[index..<index + needle.count]) == needle { return index }
            index += 1
        }
        return nil
    }

    /// Moves to `target`, counting the lines passed.
    private mutating func advance(to target: Int) {
        while position < target {
            if scalars[position] == "\n" {
                line += 1
                lineStart = position + 1
            }
            position += 1
        }
    }
}

fileprivate extension Array where Element == TemplateScanner.OpenSection {
    /// Adds a tag to the innermost open section (the bottom entry is the template itself).
    mutating func appendTag(_ tag: TemplateTag) {
        guard !isEmpty else { return }
        self[count - 1].body.append(tag)
    }
}

private extension String {
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[first...last])
    }
}
