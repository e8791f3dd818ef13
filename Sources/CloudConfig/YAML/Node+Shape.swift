import Yams

extension Node {
    /// The tag the default (YAML 1.1) resolver gives this node: quoted scalars are strings.
    var resolvedTag: Tag.Name {
        Tag.Name(rawValue: tag.rawValue)
    }

    var isNull: Bool {
        guard let scalar else { return false }
        return scalar.style == .plain && resolvedTag == .null
    }

    /// "a mapping", "the string 'x'", "the number 420" … for messages.
    var shapeDescription: String {
        switch self {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        case .scalar(let scalar):
            switch resolvedTag {
            case .bool: return "the boolean \(scalar.string)"
            case .int, .float: return "the number \(scalar.string)"
            case .null: return "null"
            default: return "the string '\(scalar.string)'"
            }
        }
    }
}
