import Mustache
import ProvisionModel

/// Turns a `Value` tree into what swift-mustache walks: dictionaries, arrays, booleans, and scalars
/// whose emptiness counts as false (so `{{#discovery_url}}…{{/discovery_url}}` skips an empty URL).
enum MustacheContext {
    static func object(_ fields: [String: Value]) -> [String: Any] {
        fields.mapValues(convert)
    }

    static func convert(_ value: Value) -> Any {
        switch value {
        case .object(let fields): object(fields)
        case .array(let items): items.map(convert)
        case .bool(let flag): flag
        case .null: RenderedScalar(renderText: "", isNull: true)
        case .string(let text): RenderedScalar(renderText: text, isNull: text.isEmpty)
        case .int, .double: RenderedScalar(renderText: value.description, isNull: false)
        }
    }
}

/// A scalar as a template prints it. It has no children, so `{{a.b}}` through a scalar is a miss.
struct RenderedScalar: MustacheCustomRenderable, MustacheParent {
    let renderText: String
    let isNull: Bool

    func child(named: String) -> Any? { nil }
}
