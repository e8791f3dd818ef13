import ProvisionModel

/// Refuses a render that would read a variable the context lacks (like Go templates' missingkey=error).
///
/// Walks the template's tags with the same scoping swift-mustache uses: a name's first segment is looked
/// up from the innermost section outwards, further segments go through nested objects only; `.name`
/// reads the innermost scope only. A section over a present value that is false, null, "" or an empty
/// list is skipped (its body is not checked); a list section checks its body once per element.
enum VariableCheck {
    static func check(_ tags: [TemplateTag], context: [String: Value], file: String) throws(TemplateError) {
        try check(tags, scopes: [.object(context)], file: file)
    }

    private static func check(_ tags: [TemplateTag], scopes: [Value], file: String) throws(TemplateError) {
        for tag in tags {
            switch tag {
            case .variable(let reference):
                _ = try resolve(reference, scopes: scopes, file: file)
            case let .section(reference, inverted, body):
                guard let value = try resolve(reference, scopes: scopes, file: file) else {
                    try check(body, scopes: scopes, file: file)
                    continue
                }
                if inverted {
                    if isFalsy(value) { try check(body, scopes: scopes + [value], file: file) }
                } else {
                    try checkSection(body, over: value, scopes: scopes, file: file)
                }
            }
        }
    }

    private static func checkSection(_ body: [TemplateTag], over value: Value, scopes: [Value],
                                     file: String) throws(TemplateError) {
        switch value {
        case .array(let items):
            for item in items { try check(body, scopes: scopes + [item], file: file) }
        case .bool(let flag):
            if flag { try check(body, scopes: scopes, file: file) }
        case .null, .string(""):
            return
        default:
            try check(body, scopes: scopes + [value], file: file)
        }
    }

    /// The value a tag reads; nil for tags that read the sequence context instead of a variable.
    private static func resolve(_ reference: TemplateReference, scopes: [Value],
                                file: String) throws(TemplateError) -> Value? {
        if reference.readsSequenceContext { return nil }
        let missing = TemplateError.missingVariable(file: file, line: reference.line, name: reference.name)
        guard let innermost = scopes.last else { throw missing }
        if reference.name == "." { return innermost }
        let segments = reference.name.split(separator: ".").map(String.init)
        guard let first = segments.first else { throw missing }
        let start: Value?
        if reference.name.hasPrefix(".") {
            start = innermost.child(first)
        } else {
            start = scopes.reversed().lazy.compactMap { $0.child(first) }.first
        }
        guard var value = start else { throw missing }
        for segment in segments.dropFirst() {
            guard let next = value.child(segment) else { throw missing }
            value = next
        }
        return value
    }

    /// What an inverted section renders for (and a normal section skips).
    static func isFalsy(_ value: Value) -> Bool {
        switch value {
        case .bool(false), .null, .string(""): true
        case .array(let items): items.isEmpty
        default: false
        }
    }
}

private extension Value {
    func child(_ key: String) -> Value? {
        if case .object(let fields) = self { return fields[key] }
        return nil
    }
}
