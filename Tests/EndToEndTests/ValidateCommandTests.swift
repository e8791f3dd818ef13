import Foundation
import Testing
import TestSupport

/// `provision validate` through the real binary: exit codes, stderr lines, JSON, profiles directories.
@Suite struct ValidateCommandTests {
    struct Problem: Decodable, Equatable {
        let file: String
        let line: Int
        let column: Int
        let message: String
        let severity: String
    }

    let binary = TestEnvironment.provisionBinary.path

    @Test func invalidCloudConfigPrintsEveryProblemAndExitsOne() async throws {
        let dir = try TemporaryDirectory("validate")
        defer { dir.remove() }
        try dir.write("bad.yaml", "#cloud-config\ncoreos:\n  update:\n    reboot_strategy: off\nwrite_files:\n  - path: /a\n    permissions: 0644\n")
        let file = dir.file("bad.yaml").path
        let result = try await Tool.status(binary, ["validate", file])
        #expect(result.status == 1)
        #expect(result.stderr == """
            \(file):4:5: unknown key 'reboot_strategy' in 'coreos.update' (did you mean 'reboot-strategy'?)
            \(file):7:18: write_files[0].permissions: permissions must be a quoted octal string like '0644' (unquoted, YAML reads it as the number 420)

            """)
    }

    @Test func jsonListsProblemsOnStdout() async throws {
        let dir = try TemporaryDirectory("validate")
        defer { dir.remove() }
        try dir.write("bad.yaml", "hostname: [a\n")
        let file = dir.file("bad.yaml").path
        let result = try await Tool.status(binary, ["validate", "--json", file])
        #expect(result.status == 1)
        let problems = try JSONDecoder().decode([Problem].self, from: Data(result.stdout.utf8))
        #expect(problems.count == 2)
        #expect(problems.first == Problem(file: file, line: 1, column: 1, message: "first line must be '#cloud-config'", severity: "error"))
        #expect(problems.last?.message.hasPrefix("YAML syntax error") == true)
    }

    @Test func validFilesAndTheShippedProfilesPass() async throws {
        let dir = try TemporaryDirectory("validate")
        defer { dir.remove() }
        try dir.write("ok.yaml", "#cloud-config\nhostname: node1\ncoreos:\n  etcd2:\n    advertise-client-urls: http://$private_ipv4:2379\n")
        let profiles = TestEnvironment.packageRoot.appendingPathComponent("profiles").path
        let result = try await Tool.status(binary, ["validate", dir.file("ok.yaml").path, profiles])
        #expect(result.status == 0)
        #expect(result.stderr == "")
    }

    @Test func brokenProfilesDirectoryIsReportedWithPositions() async throws {
        let dir = try TemporaryDirectory("validate")
        defer { dir.remove() }
        try FileManager.default.createDirectory(at: dir.file("groups"), withIntermediateDirectories: true)
        try dir.write("a.yaml", "boot:\n  kernal: x\n")
        try dir.write("groups/g.yaml", "profile: b\n")
        let result = try await Tool.status(binary, ["validate", dir.path])
        #expect(result.status == 1)
        #expect(result.stderr == """
            \(dir.path)/a.yaml:2:3: unknown key 'kernal' in 'boot' (did you mean 'kernel'?)
            \(dir.path)/a.yaml:2:3: boot: missing required key 'kernel'
            \(dir.path)/groups/g.yaml:1:10: group 'g' names profile 'b', which does not exist

            """)
    }
}
