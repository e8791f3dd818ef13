import Yams

extension Node {
    /// A scalar's YAML 1.1 meaning; nil for mappings, sequences and aliases.
    var scalarKind: ScalarKind? {
        scalar.map(ScalarKind.init)
    }

    var isNull: Bool {
        scalarKind == .null
    }

    /// "a mapping", "the string 'x'", "the number 420" … for messages.
    var shapeDescription: String {
        switch self {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        case .scalar(let scalar):
            switch ScalarKind(scalar) {
            case .bool: return "the boolean \(scalar.string)"
            case .int, .float: return "the number \(scalar.string)"
            case .null: return "null"
            case .string: return "the string '\(scalar.string)'"
            }
        }
    }
}
