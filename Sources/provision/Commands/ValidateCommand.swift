import ArgumentParser
import CloudConfig
import Foundation

/// `provision validate FILE…`: checks cloud-configs offline, like `coreos-cloudinit --validate`.
/// A directory is checked as a profiles directory (profiles, groups, templates).
struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check cloud-config files (or a profiles directory) offline.",
        discussion: """
            Each problem is printed to stderr as FILE:LINE:COLUMN: MESSAGE. Exits 1 if there is any problem.
            A directory argument is loaded as a profiles directory (profiles/*.yaml, groups/*.yaml, templates).
            """
    )

    @Argument(help: "Cloud-config files, or profiles directories.")
    var paths: [String]

    @Flag(help: "Print the problems as a JSON array on stdout.")
    var json = false

    func run() async throws {
        let problems = paths.flatMap(Self.problems(in:))
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            FileHandle.standardOutput.write(try encoder.encode(problems) + Data("\n".utf8))
        } else {
            let lines = problems.map { "\($0)\n" }.joined()
            FileHandle.standardError.write(Data(lines.utf8))
        }
        if !problems.isEmpty { throw ExitCode(1) }
    }

    static func problems(in path: String) -> [CloudConfigProblem] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return [CloudConfigProblem(file: path, line: 1, column: 1, message: "no such file or directory")]
        }
        if isDirectory.boolValue {
            do throws(ProfileLoadError) {
                _ = try ProfileLoader.load(directory: path)
                return []
            } catch {
                return error.problems
            }
        }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            return [CloudConfigProblem(file: path, line: 1, column: 1, message: "cannot read file as UTF-8 text")]
        }
        return CloudConfigValidator.validate(text, file: path)
    }
}
