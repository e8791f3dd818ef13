import CloudConfig
import Testing

/// One schema rule, a document that breaks it, and the exact problems (with positions) it must produce.
struct ValidatorCase: CustomTestStringConvertible, Sendable {
    let rule: String
    let yaml: String
    let expected: [String]
    var testDescription: String { rule }
}

@Suite struct CloudConfigValidatorTests {
    static let cases: [ValidatorCase] = [
        ValidatorCase(rule: "header is required", yaml: "hostname: a\n",
                      expected: ["t:1:1: first line must be '#cloud-config'"]),
        ValidatorCase(rule: "unknown top-level key suggests the known one", yaml: """
            #cloud-config
            hostnme: node1
            """, expected: ["t:2:1: unknown key 'hostnme' at top level (did you mean 'hostname'?)"]),
        ValidatorCase(rule: "underscore spelling of reboot-strategy", yaml: """
            #cloud-config
            coreos:
              update:
                reboot_strategy: etcd-lock
            """, expected: ["t:4:5: unknown key 'reboot_strategy' in 'coreos.update' (did you mean 'reboot-strategy'?)"]),
        ValidatorCase(rule: "reboot-strategy enumeration", yaml: """
            #cloud-config
            coreos:
              update:
                reboot-strategy: sometimes
            """, expected: ["t:4:22: coreos.update.reboot-strategy: invalid value 'sometimes' (expected one of: best-effort, etcd-lock, reboot, off)"]),
        ValidatorCase(rule: "permissions must be a quoted octal string", yaml: """
            #cloud-config
            write_files:
              - path: /etc/x
                permissions: 0644
            """, expected: ["t:4:18: write_files[0].permissions: permissions must be a quoted octal string like '0644' (unquoted, YAML reads it as the number 420)"]),
        ValidatorCase(rule: "permissions digits must be octal", yaml: """
            #cloud-config
            write_files:
              - path: /etc/x
                permissions: '0999'
            """, expected: ["t:4:18: write_files[0].permissions: invalid permissions '0999' (expected an octal string like '0644')"]),
        ValidatorCase(rule: "write_files needs a path and a known encoding", yaml: """
            #cloud-config
            write_files:
              - content: hello
                encoding: rot13
            """, expected: [
                "t:3:5: write_files[0]: missing required key 'path'",
                "t:4:15: write_files[0].encoding: invalid value 'rot13' (expected one of: base64, b64, gz, gzip, gz+base64, gzip+base64, gz+b64, gzip+b64)",
            ]),
        ValidatorCase(rule: "unit command enumeration and boolean flags", yaml: """
            #cloud-config
            coreos:
              units:
                - name: etcd2.service
                  command: begin
                  enable: maybe
            """, expected: [
                "t:5:16: coreos.units[0].command: invalid value 'begin' (expected one of: start, stop, restart, reload, try-restart, reload-or-restart, reload-or-try-restart)",
                "t:6:15: coreos.units[0].enable: expected a boolean (true or false), found the string 'maybe'",
            ]),
        ValidatorCase(rule: "a quoted 'true' is a string, not a boolean", yaml: """
            #cloud-config
            coreos:
              units:
                - name: a.service
                  mask: "true"
            """, expected: ["t:5:13: coreos.units[0].mask: expected a boolean (true or false), found the string 'true'"]),
        ValidatorCase(rule: "units need a name", yaml: """
            #cloud-config
            coreos:
              units:
                - command: start
            """, expected: ["t:4:7: coreos.units[0]: missing required key 'name'"]),
        ValidatorCase(rule: "drop-ins is a list of name/content", yaml: """
            #cloud-config
            coreos:
              units:
                - name: a.service
                  drop-ins: 50-x.conf
                - name: b.service
                  drop-ins:
                    - content: x
                      size: 3
            """, expected: [
                "t:5:17: coreos.units[0].drop-ins: expected a list, found the string '50-x.conf'",
                "t:8:11: coreos.units[1].drop-ins[0]: missing required key 'name'",
                "t:9:11: unknown key 'size' in 'coreos.units[1].drop-ins[0]'",
            ]),
        ValidatorCase(rule: "ssh_authorized_keys is a list", yaml: """
            #cloud-config
            ssh_authorized_keys: ssh-rsa AAAA
            """, expected: ["t:2:22: ssh_authorized_keys: expected a list, found the string 'ssh-rsa AAAA'"]),
        ValidatorCase(rule: "coreos is a mapping", yaml: """
            #cloud-config
            coreos: true
            """, expected: ["t:2:9: coreos: expected a mapping, found the boolean true"]),
        ValidatorCase(rule: "etcd2 keys, integer and enumerated values", yaml: """
            #cloud-config
            coreos:
              etcd2:
                advertise_client_urls: http://$private_ipv4:2379
                election-timeout: soon
                proxy: sometimes
            """, expected: [
                "t:4:5: unknown key 'advertise_client_urls' in 'coreos.etcd2' (did you mean 'advertise-client-urls'?)",
                "t:5:23: coreos.etcd2.election-timeout: expected an integer, found the string 'soon'",
                "t:6:12: coreos.etcd2.proxy: invalid value 'sometimes' (expected one of: on, off, readonly)",
            ]),
        ValidatorCase(rule: "unknown coreos section suggests etcd2", yaml: """
            #cloud-config
            coreos:
              etcd:
                name: a
            """, expected: ["t:3:3: unknown key 'etcd' in 'coreos' (did you mean 'etcd2'?)"]),
        ValidatorCase(rule: "manage_etc_hosts only knows localhost", yaml: """
            #cloud-config
            manage_etc_hosts: yes
            """, expected: ["t:2:19: manage_etc_hosts: invalid value 'yes' (expected one of: localhost)"]),
        ValidatorCase(rule: "users need a name; flags are booleans", yaml: """
            #cloud-config
            users:
              - groups: [sudo]
                no-create-home: "yes"
            """, expected: [
                "t:3:5: users[0]: missing required key 'name'",
                "t:4:21: users[0].no-create-home: expected a boolean (true or false), found the string 'yes'",
            ]),
        ValidatorCase(rule: "update group and server are strings, not mappings", yaml: """
            #cloud-config
            coreos:
              update:
                group: {name: alpha}
            """, expected: ["t:4:12: coreos.update.group: expected a string, found a mapping"]),
    ]

    @Test(arguments: cases)
    func reportsSchemaViolationWithExactPosition(_ testCase: ValidatorCase) {
        let problems = CloudConfigValidator.validate(testCase.yaml, file: "t")
        #expect(problems.map(\.description) == testCase.expected)
    }

    @Test func acceptsCoreOSDocumentationExample() {
        let yaml = """
            #cloud-config
            hostname: node1
            manage_etc_hosts: localhost
            ssh_authorized_keys:
              - ssh-ed25519 AAAA user@host
            users:
              - name: core
                groups: [sudo, docker]
                no-create-home: true
            write_files:
              - path: /etc/resolv.conf
                permissions: '0644'
                owner: root
                encoding: gzip+base64
                content: |
                  nameserver 8.8.8.8
            coreos:
              etcd2:
                name: node1
                discovery: https://discovery.etcd.io/abc
                advertise-client-urls: http://$private_ipv4:2379
                initial-advertise-peer-urls: http://$private_ipv4:2380
                listen-client-urls: http://0.0.0.0:2379
                listen-peer-urls: http://$private_ipv4:2380
                heartbeat-interval: 100
                proxy: on
              fleet:
                public-ip: $public_ipv4
              locksmith:
                window-start: Thu 04:00
              update:
                reboot-strategy: off
                group: stable
                server: https://public.update.core-os.net/v1/update/
              units:
                - name: etcd2.service
                  command: start
                - name: docker.service
                  enable: true
                  runtime: false
                  mask: false
                  drop-ins:
                    - name: 50-opts.conf
                      content: |
                        [Service]
                        Environment=DOCKER_OPTS=--debug
            """
        #expect(CloudConfigValidator.validate(yaml, file: "t") == [])
    }

    @Test func acceptsHeaderOnlyAndCRLFDocuments() {
        #expect(CloudConfigValidator.validate("#cloud-config\n", file: "t") == [])
        #expect(CloudConfigValidator.validate("#cloud-config\r\nhostname: a\r\n", file: "t") == [])
    }

    @Test func reportsYAMLSyntaxErrorWithPosition() throws {
        let problems = CloudConfigValidator.validate("#cloud-config\nhostname: a\n  bad: [\n", file: "t")
        let problem = try #require(problems.first)
        #expect(problems.count == 1)
        #expect(problem.file == "t")
        #expect(problem.line == 3)
        #expect(problem.message.hasPrefix("YAML syntax error"))
    }

    @Test func reportsDuplicateKeys() {
        let problems = CloudConfigValidator.validate("#cloud-config\nhostname: a\nhostname: b\n", file: "t")
        #expect(problems.map(\.description) == ["t:2:1: duplicate key 'hostname' in mapping"])
    }

    @Test func reportsEveryProblemInSourceOrderNotJustTheFirst() {
        let yaml = """
            hostnme: a
            coreos:
              update:
                reboot-strategy: never
              units:
                - name: a.service
                  command: go
            write_files:
              - path: /x
                permissions: 644
            """
        let problems = CloudConfigValidator.validate(yaml, file: "t")
        #expect(problems.map(\.line) == [1, 1, 4, 7, 10])
        #expect(problems.allSatisfy { $0.severity == .error })
        #expect(problems.containsErrors)
    }

    @Test func problemDescriptionIsFileLineColumnMessage() {
        let problem = CloudConfigProblem(file: "a.yaml", line: 3, column: 7, message: "bad")
        #expect(problem.description == "a.yaml:3:7: bad")
        let warning = CloudConfigProblem(file: "a.yaml", line: 1, column: 1, message: "hm", severity: .warning)
        #expect(warning.description == "a.yaml:1:1: warning: hm")
    }
}
