import Foundation
import Testing
import TestSupport

/// The registry through the real server and the real CLI binary.
@Suite struct RegistryEndToEndTests {
    @Test func registeredMachineSurvivesRestartAndRenders() async throws {
        try await ProvisionServer.run() { server in
            let add = try await server.cli(["machine", "add", "52-54-00-AB-CD-EF", "--name", "node1", "--profile", "etcd-member",
                                            "--label", "role=master", "--meta", "rack=r1", "--ip", "10.0.0.11/24"])
            #expect(add.status == 0, "\(add.stderr)")
            try await server.restart()
            let list = try await server.cli(["machine", "list", "--json"])
            #expect(list.status == 0)
            #expect(list.stdout.contains("\"mac\" : \"52:54:00:ab:cd:ef\""))
            #expect(list.stdout.contains("\"state\" : \"registered\""))
            let rendered = try await server.cli(["render", "525400abcdef", "--what", "cloud-config"])
            #expect(rendered.status == 0, "\(rendered.stderr)")
            #expect(rendered.stdout.hasPrefix("#cloud-config\n"))
            #expect(rendered.stdout.contains("hostname: node1"))
            let filtered = try await server.cli(["machine", "list", "--label", "role=master"])
            #expect(filtered.stdout.contains("52:54:00:ab:cd:ef"))
            let none = try await server.cli(["machine", "list", "--state", "installed", "--json"])
            #expect(none.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "[\n\n]" || none.stdout.contains("[]"))
        }
    }

    @Test func adminAPIRefusesMissingOrWrongToken() async throws {
        try await ProvisionServer.run() { server in
            let none = try await HTTP.get(server.url + "/api/v1/machines")
            #expect(none.status == 401)
            let wrong = try await HTTP.get(server.url + "/api/v1/machines", headers: [("Authorization", "Bearer nope")])
            #expect(wrong.status == 401)
            let right = try await HTTP.get(server.url + "/api/v1/machines", headers: [("Authorization", "Bearer \(server.adminToken)")])
            #expect(right.status == 200)
            let attributes = try FileManager.default.attributesOfItem(atPath: server.dataDir + "/admin-token")
            #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
            let cli = try await Tool.status(TestEnvironment.provisionBinary.path, ["machine", "list"],
                                            environment: ["PROVISION_SERVER": server.url, "PROVISION_TOKEN": "wrong-token"])
            #expect(cli.status != 0)
            #expect(cli.stderr.contains("401"))
        }
    }

    @Test(arguments: ["52:54:00:AB:CD:EF", "52-54-00-ab-cd-ef", "525400abcdef", "525400ABCDEF"])
    func everyMACSpellingFindsTheSameMachine(spelling: String) async throws {
        try await ProvisionServer.run() { server in
            #expect(try await server.cli(["machine", "add", spelling, "--name", "n1", "--profile", "worker"]).status == 0)
            let script = try await HTTP.get(server.url + "/ipxe?mac=52-54-00-ab-cd-ef")
            #expect(script.status == 200)
            #expect(script.body.contains("cloud-config-url=\(server.url)/cloud-config?mac=52:54:00:ab:cd:ef"))
            let show = try await server.cli(["machine", "show", spelling, "--json"])
            #expect(show.stdout.contains("\"state\" : \"booting\""), "first /ipxe moves a registered machine to booting")
        }
    }

    @Test func importReportsBadRowsByLineAndIsIdempotent() async throws {
        try await ProvisionServer.run() { server in
            try server.root.write("rack.csv", """
                mac,name,profile,ip,labels
                52:54:00:00:00:01,n1,worker,10.0.0.1/24,role=worker;rack=a
                not-a-mac,n2,worker,,
                52:54:00:00:00:03,n3,no-such-profile,,
                52:54:00:00:00:04,n4,,10.0.0.4/99,
                52:54:00:00:00:05,n5,etcd-member,,role=etcd

                """)
            let first = try await server.cli(["machine", "import", server.root.path + "/rack.csv"])
            #expect(first.status == 1)
            #expect(first.stdout.contains("2 created"))
            #expect(first.stderr.contains("rack.csv:3: invalid MAC address 'not-a-mac'"))
            #expect(first.stderr.contains("rack.csv:4: unknown profile 'no-such-profile'"))
            #expect(first.stderr.contains("rack.csv:5: invalid ip '10.0.0.4/99'"))
            let second = try await server.cli(["machine", "import", server.root.path + "/rack.csv"])
            #expect(second.stdout.contains("0 created, 0 updated, 2 unchanged"))
            try server.root.write("rack.yaml", """
                - mac: 52:54:00:00:00:06
                  name: n6
                  labels: {role: worker}
                - mac: 52:54:00:00:00:07
                  ip: nonsense
                """)
            let yaml = try await server.cli(["machine", "import", server.root.path + "/rack.yaml"])
            #expect(yaml.stdout.contains("1 created"))
            #expect(yaml.stderr.contains("rack.yaml:4: invalid ip 'nonsense'"))
        }
    }

    @Test func tenThousandMachinesImportAndList() async throws {
        try await ProvisionServer.run() { server in
            var csv = "mac,name,profile,labels\n"
            for i in 0..<10_000 {
                csv += String(format: "52:54:00:%02x:%02x:%02x,node%d,worker,rack=r%d\n", (i >> 16) & 0xff, (i >> 8) & 0xff, i & 0xff, i, i % 40)
            }
            try server.root.write("big.csv", csv)
            let result = try await server.cli(["machine", "import", server.root.path + "/big.csv"])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("10000 created"))
            let rack = try await server.cli(["machine", "list", "--label", "rack=r7", "--json"])
            #expect(rack.stdout.components(separatedBy: "\"mac\"").count - 1 == 250)
        }
    }

    @Test func reinstallAndRemove() async throws {
        try await ProvisionServer.run() { server in
            #expect(try await server.cli(["machine", "add", "52:54:00:00:00:09", "--profile", "worker"]).status == 0)
            _ = try await HTTP.get(server.url + "/ipxe?mac=52:54:00:00:00:09")
            let reinstall = try await server.cli(["machine", "reinstall", "52:54:00:00:00:09"])
            #expect(reinstall.stdout.contains("registered"))
            #expect(try await server.cli(["machine", "rm", "52:54:00:00:00:09"]).status == 0)
            let gone = try await server.cli(["machine", "show", "52:54:00:00:00:09"])
            #expect(gone.status != 0)
            #expect(gone.stderr.contains("not registered"))
        }
    }
}
