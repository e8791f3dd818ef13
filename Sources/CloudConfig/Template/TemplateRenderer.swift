import ProvisionModel

/// Compiled templates keyed by the name profiles use for them (`cloud_config: etcd-member.yaml.tmpl`).
///
/// Immutable and `Sendable`: built once per profile load and swapped whole on reload, so rendering
/// never touches the file system and needs no locks.
public struct TemplateRenderer: Sendable {
    public let templates: [String: CompiledTemplate]

    public init(templates: [String: CompiledTemplate] = [:]) {
        self.templates = templates
    }

    /// Renders the template `name` (as written in a profile's `cloud_config`) with `context`.
    public func render(_ name: String, context: [String: Value]) throws(TemplateError) -> String {
        guard let template = templates[name] else { throw .unknownTemplate(name) }
        return try template.render(context)
    }
}
