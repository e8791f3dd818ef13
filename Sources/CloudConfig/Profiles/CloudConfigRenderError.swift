/// Why a machine's cloud-config could not be produced; the server answers 500 with `description`.
public enum CloudConfigRenderError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The template could not render (most often a missing variable).
    case template(TemplateError)
    /// The rendered text is not a valid cloud-config; `problems` point into the rendered text.
    case invalid(template: String, problems: [CloudConfigProblem])

    public var description: String {
        switch self {
        case .template(let error):
            return error.description
        case let .invalid(template, problems):
            let first = problems.first.map { ": \($0)" } ?? ""
            let more = problems.count > 1 ? " (and \(problems.count - 1) more)" : ""
            return "\(template) rendered an invalid cloud-config\(first)\(more)"
        }
    }
}
