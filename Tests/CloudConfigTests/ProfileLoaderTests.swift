import CloudConfig
import Foundation
import ProvisionModel
import Testing

@Suite struct ProfileLoaderTests {
    func problems(_ directory: ProfileDirectory) -> [String] {
        do {
            _ = try ProfileLoader.load(directory: directory.path)
            return []
        } catch {
            return error.problems.map { $0.description.replacingOccurrences(of: directory.path, with: "P") }
        }
    }

    func validDirectory() throws -> ProfileDirectory {
        let directory = try ProfileDirectory()
        try directory.write("node.yaml", """
            name: a node
            boot:
              kernel: debian/12/vmlinuz
              initrd: [debian/12/initrd.gz]
              args: [console=ttyS0]
            cloud_config: node.tmpl
            install:
              image: flatcar/stable
              mirror_b: true
            discovery:
              cluster: etcd
            metadata:
              keys: [k1, k2]
              port: 8080
              quoted: "8080"
              debug: true
            """)
        try directory.write("node.tmpl", "#cloud-config\nhostname: {{machine.name}}\n")
        try directory.write("groups/default.yaml", "profile: node\n")
        try directory.write("groups/racks.yaml", "profile: node\nselector:\n  rack: r1\nmetadata:\n  port: 9090\n")
        return directory
    }

    @Test func loadsProfilesGroupsAndTemplates() throws {
        let directory = try validDirectory()
        let loaded = try ProfileLoader.load(directory: directory.path)
        let profile = try #require(loaded.set.profiles["node"])
        #expect(profile.name == "a node")
        #expect(profile.boot == Profile.Boot(kernel: "debian/12/vmlinuz", initrd: ["debian/12/initrd.gz"], args: ["console=ttyS0"]))
        #expect(profile.install == Profile.Install(image: "flatcar/stable", disk: "auto", mirrorB: true))
        #expect(profile.discovery == Profile.Discovery(cluster: "etcd", size: 3))
        #expect(profile.metadata == ["keys": .array([.string("k1"), .string("k2")]), "port": .int(8080),
                                     "quoted": .string("8080"), "debug": .bool(true)])
        #expect(loaded.set.groups.map(\.id) == ["racks", "default"])
        #expect(loaded.set.groups.first?.selector == ["rack": "r1"])
        #expect(loaded.renderer.templates["node.tmpl"]?.file == "\(directory.path)/node.tmpl")
    }

    @Test func rendersAndValidatesACloudConfig() throws {
        let directory = try validDirectory()
        let loaded = try ProfileLoader.load(directory: directory.path)
        let profile = try #require(loaded.set.profiles["node"])
        let machine = Machine(mac: try #require(MACAddress("52:54:00:00:00:01")), name: "n1")
        let context = TemplateContext.build(machine: machine, profile: profile, group: nil, publicURL: "u", discoveryURL: "")
        #expect(try loaded.cloudConfig(for: profile, context: context) == "#cloud-config\nhostname: n1\n")
    }

    @Test func refusesToReturnAnInvalidRenderedCloudConfig() throws {
        let directory = try validDirectory()
        try directory.write("node.tmpl", "#cloud-config\nhostname: {{machine.name}}\ncoreos:\n  update:\n    reboot-strategy: {{machine.name}}\n")
        let loaded = try ProfileLoader.load(directory: directory.path)
        let profile = try #require(loaded.set.profiles["node"])
        let machine = Machine(mac: try #require(MACAddress("52:54:00:00:00:01")), name: "n1")
        let context = TemplateContext.build(machine: machine, profile: profile, group: nil, publicURL: "u", discoveryURL: "")
        #expect {
            try loaded.cloudConfig(for: profile, context: context)
        } throws: { error in
            guard case let CloudConfigRenderError.invalid(template, problems) = error else { return false }
            return template == "\(directory.path)/node.tmpl"
                && problems.map(\.description) == ["\(directory.path)/node.tmpl (rendered):5:22: coreos.update.reboot-strategy: invalid value 'n1' (expected one of: best-effort, etcd-lock, reboot, off)"]
        }
    }

    @Test func missingVariableSurfacesAsTemplateError() throws {
        let directory = try validDirectory()
        try directory.write("node.tmpl", "#cloud-config\nhostname: {{machine.hostnme}}\n")
        let loaded = try ProfileLoader.load(directory: directory.path)
        let profile = try #require(loaded.set.profiles["node"])
        let context = TemplateContext.build(machine: nil, profile: profile, group: nil, publicURL: "u", discoveryURL: "")
        #expect(throws: CloudConfigRenderError.template(.missingVariable(file: "\(directory.path)/node.tmpl", line: 2, name: "machine.hostnme"))) {
            try loaded.cloudConfig(for: profile, context: context)
        }
    }

    @Test func yamlSyntaxErrorIsReportedWithLineAndColumn() throws {
        let directory = try validDirectory()
        try directory.write("broken.yaml", "name: x\nboot:\n  kernel: [a\n")
        let found = problems(directory)
        #expect(found.count == 1)
        #expect(found.first?.hasPrefix("P/broken.yaml:4:1: YAML syntax error") == true)
    }

    @Test func unknownKeysAndWrongTypesAreAllReported() throws {
        let directory = try validDirectory()
        try directory.write("other.yaml", """
            name: other
            cloud_confg: node.tmpl
            install:
              image: flatcar/stable
              mirror_b: sometimes
            """)
        #expect(problems(directory) == [
            "P/other.yaml:2:1: unknown key 'cloud_confg' at top level (did you mean 'cloud_config'?)",
            "P/other.yaml:5:13: install.mirror_b: expected a boolean (true or false), found the string 'sometimes'",
        ])
    }

    @Test func groupNamingAMissingProfileIsReported() throws {
        let directory = try validDirectory()
        try directory.write("groups/typo.yaml", "name: typo\nprofile: nod\n")
        #expect(problems(directory) == ["P/groups/typo.yaml:2:10: group 'typo' names profile 'nod', which does not exist (did you mean 'node'?)"])
    }

    @Test func profileNamingAMissingTemplateIsReported() throws {
        let directory = try validDirectory()
        try directory.write("other.yaml", "cloud_config: nothere.tmpl\n")
        #expect(problems(directory) == ["P/other.yaml:1:15: template 'nothere.tmpl' not found (looked for P/nothere.tmpl)"])
    }

    @Test(arguments: ["../outside.tmpl", "/etc/passwd", "a/../../b.tmpl"])
    func templatePathsMustStayInsideTheDirectory(_ name: String) throws {
        let directory = try validDirectory()
        try directory.write("other.yaml", "cloud_config: \(name)\n")
        #expect(problems(directory) == ["P/other.yaml:1:15: template '\(name)' must be a relative path inside the profiles directory"])
    }

    @Test func mustacheSyntaxErrorInATemplateIsReported() throws {
        let directory = try validDirectory()
        try directory.write("node.tmpl", "#cloud-config\n{{#machine}}\nhostname: x\n")
        #expect(problems(directory) == ["P/node.tmpl:2:1: section 'machine' is never closed"])
    }

    @Test func idMustMatchTheFileName() throws {
        let directory = try validDirectory()
        try directory.write("other.yaml", "id: another\n")
        #expect(problems(directory) == ["P/other.yaml:1:5: id 'another' does not match the file name 'other.yaml'"])
    }

    @Test func problemsFromSeveralFilesAreAllReportedInFileOrder() throws {
        let directory = try validDirectory()
        try directory.write("a.yaml", "boot:\n  initrd: x\n")
        try directory.write("groups/b.yaml", "selector: {rack: r1}\n")
        #expect(problems(directory) == [
            "P/a.yaml:2:3: boot: missing required key 'kernel'",
            "P/a.yaml:2:11: boot.initrd: expected a list, found the string 'x'",
            "P/groups/b.yaml:1:1: missing required key 'profile'",
        ])
    }

    @Test func missingDirectoryIsAProblemNotACrash() {
        #expect(throws: ProfileLoadError.self) { try ProfileLoader.load(directory: "/nonexistent/profiles-dir") }
    }
}
