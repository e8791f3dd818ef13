/// What a template asks of its context: the variables and sections it names, with their lines.
/// Built by `TemplateScanner`; checked against a context by `VariableCheck` before rendering.
indirect enum TemplateTag: Sendable, Equatable {
    case variable(TemplateReference)
    case section(TemplateReference, inverted: Bool, body: [TemplateTag])
}

/// A name used in a tag (`machine.name`, `.`), where it is, and whether it goes through transforms (`upper(x)`).
struct TemplateReference: Sendable, Equatable {
    var name: String
    var line: Int
    /// `{{ index() }}`-style tags name no variable: they read the sequence context.
    var readsSequenceContext: Bool
}
