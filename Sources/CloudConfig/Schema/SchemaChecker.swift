import Yams

/// Walks a YAML node tree against a `Schema`, collecting every problem (not just the first) with its position.
///
/// Null values count as absent (as in Go's YAML decoding that cloud-config tools use), except for required keys.
struct SchemaChecker {
    let file: String
    private(set) var problems: [CloudConfigProblem] = []

    init(file: String) {
        self.file = file
    }

    mutating func check(_ node: Node, against schema: Schema, path: String) {
        if case .alias = node { return }
        if node.isNull, !schema.acceptsNullAsValue { return }
        switch schema {
        case .anyValue:
            return
        case .text:
            guard node.scalar != nil else { return mismatch(node, schema, path) }
        case .boolean:
            guard case .bool? = node.scalarKind else { return mismatch(node, schema, path) }
        case .integer:
            guard case .int? = node.scalarKind else { return mismatch(node, schema, path) }
        case .choice(let values):
            guard let scalar = node.scalar else { return mismatch(node, schema, path) }
            if !values.contains(scalar.string) {
                report(node, "\(label(path))invalid value '\(scalar.string)' (expected one of: \(values.joined(separator: ", ")))")
            }
        case .octalPermissions:
            checkPermissions(node, path: path)
        case .list(let element):
            guard let sequence = node.sequence else { return mismatch(node, schema, path) }
            for (index, item) in sequence.enumerated() {
                check(item, against: element, path: "\(path)[\(index)]")
            }
        case .record(let record):
            guard let mapping = node.mapping else { return mismatch(node, schema, path) }
            checkRecord(mapping, node: node, record: record, path: path)
        case .map(let valueSchema):
            guard let mapping = node.mapping else { return mismatch(node, schema, path) }
            for (key, value) in mapping {
                guard let name = scalarKey(key, path: path) else { continue }
                check(value, against: valueSchema, path: join(path, name))
            }
        }
    }

    private mutating func checkRecord(_ mapping: Node.Mapping, node: Node, record: Schema.Record, path: String) {
        var seen = Set<String>()
        for (key, value) in mapping {
            guard let name = scalarKey(key, path: path) else { continue }
            seen.insert(name)
            if let fieldSchema = record.schema(for: name) {
                if value.isNull, record.required.contains(name) {
                    report(value, "\(label(join(path, name)))required value is empty")
                } else {
                    check(value, against: fieldSchema, path: join(path, name))
                }
            } else {
                reportUnknownKey(key, name: name, record: record, path: path)
            }
        }
        for field in record.fields where record.required.contains(field.key) && !seen.contains(field.key) {
            report(node, "\(label(path))missing required key '\(field.key)'")
        }
    }

    private mutating func reportUnknownKey(_ key: Node, name: String, record: Schema.Record, path: String) {
        let place = path.isEmpty ? "at top level" : "in '\(path)'"
        var message = "unknown key '\(name)' \(place)"
        if let suggestion = KeySuggestion.closest(to: name, among: record.fields.map(\.key)) {
            message += " (did you mean '\(suggestion)'?)"
        }
        report(key, message)
    }

    private mutating func checkPermissions(_ node: Node, path: String) {
        guard let scalar = node.scalar else { return mismatch(node, .octalPermissions, path) }
        if case .int(let number) = ScalarKind(scalar) {
            report(node, "\(label(path))permissions must be a quoted octal string like '0644' (unquoted, YAML reads it as the number \(number))")
        } else if !Self.isOctalPermissions(scalar.string) {
            report(node, "\(label(path))invalid permissions '\(scalar.string)' (expected an octal string like '0644')")
        }
    }

    /// `^0?[0-7]{3,4}$`, the rule coreos-cloudinit applies.
    static func isOctalPermissions(_ text: String) -> Bool {
        let digits = text.hasPrefix("0") && text.count == 5 ? String(text.dropFirst()) : text
        return (3...4).contains(digits.count) && digits.allSatisfy { ("0"..."7").contains($0) }
    }

    private mutating func scalarKey(_ key: Node, path: String) -> String? {
        guard let scalar = key.scalar else {
            report(key, "\(label(path))mapping keys must be plain strings")
            return nil
        }
        return scalar.string
    }

    private mutating func mismatch(_ node: Node, _ schema: Schema, _ path: String) {
        report(node, "\(label(path))expected \(schema.expectation), found \(node.shapeDescription)")
    }

    private mutating func report(_ node: Node, _ message: String) {
        let mark = node.mark
        problems.append(CloudConfigProblem(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1, message: message))
    }

    private func label(_ path: String) -> String { path.isEmpty ? "" : "\(path): " }
    private func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }
}

private extension Schema {
    /// A literal `null` only makes sense where any value goes.
    var acceptsNullAsValue: Bool {
        if case .anyValue = self { return true }
        return false
    }
}
