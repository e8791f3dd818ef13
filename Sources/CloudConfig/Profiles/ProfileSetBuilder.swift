import ProvisionModel
import Yams

/// Turns profile, group and template texts into `LoadedProfiles`, all or nothing: every problem in
/// every file is collected, and any problem means no set at all. Pure apart from the template reader
/// it is handed, so tests can feed it strings.
struct ProfileSetBuilder {
    /// Used to show template paths (`profiles/etcd-member.yaml.tmpl`).
    let directory: String
    private(set) var problems: [CloudConfigProblem] = []
    private var profiles: [String: Profile] = [:]
    private var groups: [Group] = []
    /// Where each profile names its template, for "not found" positions.
    private var templateReferences: [(template: String, file: String, mark: Mark?)] = []
    private var profileReferences: [(group: Group, file: String, mark: Mark?)] = []

    init(directory: String) {
        self.directory = directory
    }

    mutating func addProfile(_ source: ProfileSource) {
        guard let node = document(source, schema: ProfileSchema.profile) else { return }
        let profile = ProfileDecoding.profile(node, id: source.id)
        profiles[profile.id] = profile
        if let template = profile.cloudConfig {
            templateReferences.append((template, source.path, node["cloud_config"]?.mark))
        }
    }

    mutating func addGroup(_ source: ProfileSource) {
        guard let node = document(source, schema: ProfileSchema.group) else { return }
        let group = ProfileDecoding.group(node, id: source.id)
        groups.append(group)
        profileReferences.append((group, source.path, node["profile"]?.mark))
    }

    mutating func add(_ problem: CloudConfigProblem) {
        problems.append(problem)
    }

    /// Checks references across files, compiles templates, and returns the set, or every problem found.
    mutating func finish(readTemplate: (String) -> TemplateSource) throws(ProfileLoadError) -> LoadedProfiles {
        checkGroupReferences()
        let templates = compileTemplates(readTemplate: readTemplate)
        guard problems.isEmpty else { throw .invalid(problems.inSourceOrder()) }
        return LoadedProfiles(directory: directory, set: ProfileSet(profiles: profiles, groups: groups),
                              renderer: TemplateRenderer(templates: templates))
    }

    private mutating func checkGroupReferences() {
        for (group, file, mark) in profileReferences where profiles[group.profile] == nil {
            var message = "group '\(group.id)' names profile '\(group.profile)', which does not exist"
            if let suggestion = KeySuggestion.closest(to: group.profile, among: profiles.keys) {
                message += " (did you mean '\(suggestion)'?)"
            }
            report(file, mark, message)
        }
    }

    private mutating func compileTemplates(readTemplate: (String) -> TemplateSource) -> [String: CompiledTemplate] {
        var compiled: [String: CompiledTemplate] = [:]
        for (name, file, mark) in templateReferences where compiled[name] == nil {
            guard Self.isInsideDirectory(name) else {
                report(file, mark, "template '\(name)' must be a relative path inside the profiles directory")
                continue
            }
            let path = "\(directory)/\(name)"
            switch readTemplate(name) {
            case .missing:
                report(file, mark, "template '\(name)' not found (looked for \(path))")
            case .unreadable(let reason):
                report(file, mark, "template '\(name)' cannot be read: \(reason)")
            case .text(let text):
                do throws(TemplateError) {
                    compiled[name] = try CompiledTemplate(file: path, text: text)
                } catch {
                    problems.append(Self.problem(from: error, file: path))
                }
            }
        }
        return compiled
    }

    /// Parses one file and checks it against `schema`; nil (with problems recorded) when anything is wrong.
    private mutating func document(_ source: ProfileSource, schema: Schema) -> Node? {
        switch YAMLSource.compose(source.text, file: source.path) {
        case .syntaxError(let problem):
            problems.append(problem)
            return nil
        case .document(nil):
            report(source.path, nil, "file is empty")
            return nil
        case .document(let node?):
            var checker = SchemaChecker(file: source.path)
            checker.check(node, against: schema, path: "")
            problems += checker.problems
            if let id = node["id"]?.text, id != source.id {
                report(source.path, node["id"]?.mark, "id '\(id)' does not match the file name '\(source.id).yaml'")
                return nil
            }
            return checker.problems.isEmpty ? node : nil
        }
    }

    private mutating func report(_ file: String, _ mark: Mark?, _ message: String) {
        problems.append(CloudConfigProblem(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1, message: message))
    }

    static func isInsideDirectory(_ name: String) -> Bool {
        !name.isEmpty && !name.hasPrefix("/") && !name.split(separator: "/").contains("..")
    }

    static func problem(from error: TemplateError, file: String) -> CloudConfigProblem {
        switch error {
        case let .syntax(file, line, column, message):
            return CloudConfigProblem(file: file, line: line, column: column, message: message)
        case let .unsupported(file, line, column, tag):
            return CloudConfigProblem(file: file, line: line, column: column,
                                      message: "unsupported Mustache tag '\(tag)' (partials and inheritance are not available)")
        case let .missingVariable(file, line, name):
            return CloudConfigProblem(file: file, line: line, column: 1, message: "missing variable '\(name)'")
        case .unknownTemplate:
            return CloudConfigProblem(file: file, line: 1, column: 1, message: error.description)
        }
    }
}
