import Mustache
import ProvisionModel

/// A Mustache template parsed once, ready to render many times (the server renders thousands per second).
///
/// Output is plain text, never HTML-escaped: `{{x}}`, `{{{x}}}` and `{{&x}}` all print `&` as `&`
/// (cloud-config is YAML, and HTML entities would corrupt it). A variable the context lacks is an
/// error naming the file and line, checked before anything is rendered.
public struct CompiledTemplate: Sendable {
    /// The name used in errors, e.g. `profiles/etcd-member.yaml.tmpl`.
    public let file: String
    private let tags: [TemplateTag]
    private let mustache: MustacheTemplate

    /// swift-mustache escapes for HTML unless told otherwise; this standalone pragma line is removed
    /// by the parser, so the template's own first line is unaffected.
    private static let textPragma = "{{% CONTENT_TYPE: TEXT}}\n"

    public init(file: String, text: String) throws(TemplateError) {
        self.file = file
        self.tags = try TemplateScanner.scan(text, file: file)
        do {
            self.mustache = try MustacheTemplate(string: Self.textPragma + text)
        } catch let error as MustacheTemplate.ParserError {
            throw .syntax(file: file, line: max(1, error.context.lineNumber - 1),
                          column: error.context.columnNumber, message: "invalid Mustache: \(error.error)")
        } catch {
            throw .syntax(file: file, line: 1, column: 1, message: "invalid Mustache: \(error)")
        }
    }

    /// Renders with `context`; throws `.missingVariable` instead of printing nothing for an unknown name.
    public func render(_ context: [String: Value]) throws(TemplateError) -> String {
        try VariableCheck.check(tags, context: context, file: file)
        return mustache.render(MustacheContext.object(context))
    }
}
