import ProvisionModel

/// One successfully loaded profiles directory: the selection set and its compiled templates.
/// Immutable; the server swaps the whole value on reload.
public struct LoadedProfiles: Sendable {
    /// The directory as given (used in template paths shown in errors).
    public let directory: String
    public let set: ProfileSet
    /// Compiled templates keyed by the name profiles use in `cloud_config`.
    public let renderer: TemplateRenderer

    public init(directory: String, set: ProfileSet, renderer: TemplateRenderer) {
        self.directory = directory
        self.set = set
        self.renderer = renderer
    }

    /// Renders `profile`'s cloud-config with `context` (see `TemplateContext`) and validates the result.
    /// Nil when the profile has no `cloud_config`. Never returns text that fails `CloudConfigValidator`.
    public func cloudConfig(for profile: Profile, context: [String: Value]) throws(CloudConfigRenderError) -> String? {
        guard let name = profile.cloudConfig else { return nil }
        let text: String
        do throws(TemplateError) {
            text = try renderer.render(name, context: context)
        } catch {
            throw .template(error)
        }
        let file = "\(directory)/\(name) (rendered)"
        let problems = CloudConfigValidator.validate(text, file: file)
        if problems.containsErrors {
            throw .invalid(template: "\(directory)/\(name)", problems: problems)
        }
        return text
    }
}
