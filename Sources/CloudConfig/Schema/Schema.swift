/// The expected shape of a YAML value: just enough vocabulary for cloud-config, profiles and groups.
indirect enum Schema: Sendable {
    /// Any scalar; its literal text is the value (the way Go's YAML library reads a scalar into a string field).
    case text
    /// A YAML boolean (`true`/`false`, also `yes`/`no`/`on`/`off` as YAML 1.1 reads them).
    case boolean
    /// A YAML integer.
    case integer
    /// A scalar whose text is one of these values.
    case choice([String])
    /// File permissions as a quoted octal string (`'0644'`): `^0?[0-7]{3,4}$`.
    case octalPermissions
    case list(Schema)
    /// A mapping with these known keys (anything else is an unknown key).
    case record(Record)
    /// A mapping from free-form scalar keys to values of one shape (metadata, selectors).
    case map(Schema)
    /// Anything at all.
    case anyValue

    /// A mapping with known keys, in the order they are documented.
    struct Record: Sendable {
        let fields: [(key: String, schema: Schema)]
        let required: Set<String>

        init(_ fields: KeyValuePairs<String, Schema>, required: Set<String> = []) {
            self.fields = fields.map { (key: $0.key, schema: $0.value) }
            self.required = required
        }

        func schema(for key: String) -> Schema? {
            fields.first { $0.key == key }?.schema
        }
    }

    /// What a value of this shape looks like, for "expected …" messages.
    var expectation: String {
        switch self {
        case .text: "a string"
        case .boolean: "a boolean (true or false)"
        case .integer: "an integer"
        case .choice(let values): "one of " + values.joined(separator: ", ")
        case .octalPermissions: "an octal string like '0644'"
        case .list: "a list"
        case .record, .map: "a mapping"
        case .anyValue: "a value"
        }
    }
}
