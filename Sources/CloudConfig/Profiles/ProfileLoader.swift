import Foundation

/// Reads a profiles directory: `*.yaml` (one profile each), `groups/*.yaml` (one group each) and the
/// templates profiles name in `cloud_config:` (paths relative to the directory).
///
/// All or nothing: any problem anywhere throws `ProfileLoadError.invalid` with every problem found
/// (`file:line:column: message`); the caller keeps serving its previous set. Templates are compiled
/// here, so rendering never reads files.
public enum ProfileLoader {
    public static func load(directory: String) throws(ProfileLoadError) -> LoadedProfiles {
        let directory = directory.count > 1 && directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        var builder = ProfileSetBuilder(directory: directory)
        for source in readYAMLFiles(in: directory, required: true, builder: &builder) {
            builder.addProfile(source)
        }
        for source in readYAMLFiles(in: "\(directory)/groups", required: false, builder: &builder) {
            builder.addGroup(source)
        }
        return try builder.finish { name in readTemplate("\(directory)/\(name)") }
    }

    private static func readYAMLFiles(in directory: String, required: Bool,
                                      builder: inout ProfileSetBuilder) -> [ProfileSource] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            if required || FileManager.default.fileExists(atPath: directory) {
                builder.add(CloudConfigProblem(file: directory, line: 1, column: 1,
                                               message: "cannot read directory: \(error.localizedDescription)"))
            }
            return []
        }
        return names.filter { $0.hasSuffix(".yaml") && !$0.hasPrefix(".") }.sorted().compactMap { name in
            let path = "\(directory)/\(name)"
            guard let text = readText(path) else {
                builder.add(CloudConfigProblem(file: path, line: 1, column: 1, message: "cannot read file as UTF-8 text"))
                return nil
            }
            return ProfileSource(path: path, id: String(name.dropLast(".yaml".count)), text: text)
        }
    }

    private static func readTemplate(_ path: String) -> TemplateSource {
        guard FileManager.default.fileExists(atPath: path) else { return .missing }
        guard let text = readText(path) else { return .unreadable("not a readable UTF-8 text file") }
        return .text(text)
    }

    private static func readText(_ path: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return String(data: data, encoding: .utf8)
    }
}
