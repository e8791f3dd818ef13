import Foundation
import Testing
import TestSupport

/// Boot endpoints, selection, rendering errors and profile reloads through the real server.
@Suite struct BootEndToEndTests {
    @Test func bootIPXEChainsWithEveryAttribute() async throws {
        try await ProvisionServer.run() { server in
            let reply = try await HTTP.get(server.url + "/boot.ipxe")
            #expect(reply.status == 200)
            #expect(reply.body.hasPrefix("#!ipxe\n"))
            #expect(reply.body.contains("chain \(server.url)/ipxe?mac=${net0/mac:hexhyp}&uuid=${uuid}&serial=${serial}&hostname=${hostname}&arch=${buildarch}"))
        }
    }

    @Test func machineRecordBeatsGroupsAndMostSpecificGroupWins() async throws {
        try await ProvisionServer.run() { server in
            // A group keyed on one MAC and a label is more specific than the label-only `workers` group.
            try server.root.write("profiles/groups/special.yaml", """
                profile: etcd-member
                selector:
                  mac: 52:54:00:00:00:02
                  role: worker
                """)
            #expect(try await reload(server).status == 200)
            _ = try await server.cli(["machine", "add", "52:54:00:00:00:01", "--label", "role=worker"])
            _ = try await server.cli(["machine", "add", "52:54:00:00:00:02", "--label", "role=worker"])
            _ = try await server.cli(["machine", "add", "52:54:00:00:00:03", "--label", "role=worker", "--profile", "install"])
            let preview = { (mac: String) in try await server.cli(["render", mac, "--what", "metadata", "--json"]).stdout }
            #expect(try await preview("52:54:00:00:00:01").contains("\"id\":\"worker\""))
            #expect(try await preview("52:54:00:00:00:02").contains("\"id\":\"etcd-member\""))
            #expect(try await preview("52:54:00:00:00:03").contains("\"id\":\"install\""))
            // Unknown MAC: the default group (no selector) answers, and the MAC is recorded as discovered.
            let unknown = try await HTTP.get(server.url + "/ipxe?mac=52:54:00:99:99:99")
            #expect(unknown.body.contains("kernel \(server.url)/assets/"))
            let discovered = try await server.cli(["machine", "list", "--state", "discovered"])
            #expect(discovered.stdout.contains("52:54:00:99:99:99"))
        }
    }

    @Test func noDefaultGroupGivesAnEchoAndLocalBoot() async throws {
        try await ProvisionServer.run() { server in
            try FileManager.default.removeItem(atPath: server.profilesDir + "/groups/default.yaml")
            #expect(try await reload(server).status == 200)
            let reply = try await HTTP.get(server.url + "/ipxe?mac=52:54:00:99:99:98")
            #expect(reply.status == 200)
            #expect(reply.body.hasPrefix("#!ipxe\necho provision: no profile for 52:54:00:99:99:98"))
            #expect(reply.body.hasSuffix("exit\n"))
        }
    }

    @Test func missingTemplateVariableIsA500NamingFileLineAndVariable() async throws {
        try await ProvisionServer.run() { server in
            try server.root.write("profiles/worker.yaml.tmpl", "#cloud-config\nhostname: {{machine.name}}\n\nlocale: {{metadata.no_such_key}}\n")
            #expect(try await reload(server).status == 200)
            _ = try await server.cli(["machine", "add", "52:54:00:00:00:01", "--name", "w1", "--profile", "worker"])
            let reply = try await HTTP.get(server.url + "/cloud-config?mac=52:54:00:00:00:01")
            #expect(reply.status == 500)
            #expect(reply.body.split(separator: "\n").count == 1, "one-line reason: \(reply.body)")
            #expect(reply.body.contains("worker.yaml.tmpl:4"))
            #expect(reply.body.contains("metadata.no_such_key"))
            try await Task.sleep(for: .milliseconds(100))
            #expect(server.serverLog.contains("worker.yaml.tmpl:4"))
        }
    }

    @Test func invalidRenderedCloudConfigIsRefused() async throws {
        try await ProvisionServer.run() { server in
            try server.root.write("profiles/worker.yaml.tmpl", "#cloud-config\ncoreos:\n  update:\n    reboot-strategy: {{metadata.strategy}}\n")
            try server.root.write("profiles/groups/workers.yaml", "profile: worker\nselector:\n  role: worker\nmetadata:\n  strategy: sometimes\n")
            #expect(try await reload(server).status == 200)
            _ = try await server.cli(["machine", "add", "52:54:00:00:00:01", "--label", "role=worker"])
            let reply = try await HTTP.get(server.url + "/cloud-config?mac=52:54:00:00:00:01")
            #expect(reply.status == 500)
            #expect(reply.body.contains("reboot-strategy"))
            #expect(!reply.body.contains("#cloud-config"))
        }
    }

    @Test func brokenProfileIsReportedAndPreviousSetKeepsServing() async throws {
        try await ProvisionServer.run() { server in
            _ = try await server.cli(["machine", "add", "52:54:00:00:00:01", "--name", "w1", "--profile", "worker"])
            try server.root.write("profiles/worker.yaml", "name: worker\nboot:\n  kernel: [unclosed\n")
            let reply = try await reload(server)
            #expect(reply.status == 422)
            #expect(reply.body.contains("worker.yaml:4:1: YAML syntax error"), "file:line:column in \(reply.body)")
            let cli = try await server.cli(["profile", "reload"])
            #expect(cli.status != 0)
            #expect(cli.stderr.contains("worker.yaml:4:1:"))
            // SIGHUP takes the same path: logged, nothing swapped.
            server.process?.signal(SIGHUP)
            try await Task.sleep(for: .milliseconds(300))
            #expect(server.serverLog.contains("previous set keeps serving"))
            let still = try await HTTP.get(server.url + "/cloud-config?mac=52:54:00:00:00:01")
            #expect(still.status == 200)
            #expect(still.body.contains("hostname: w1"))
        }
    }

    @Test func installedMachineBootsFromLocalDisk() async throws {
        try await ProvisionServer.run() { server in
            _ = try await server.cli(["machine", "add", "52:54:00:00:00:01", "--profile", "worker"])
            let script = try await HTTP.get(server.url + "/ipxe?mac=52:54:00:00:00:01")
            let token = try #require(script.body.split(separator: " ").first { $0.hasPrefix("provision.token=") }?
                .dropFirst("provision.token=".count))
            let url = server.url + "/api/v1/machines/52:54:00:00:00:01/events"
            let forged = try await HTTP.request(.POST, url, headers: [("Authorization", "Bearer 0000")], body: #"{"kind":"done"}"#)
            #expect(forged.status == 403)
            let done = try await HTTP.request(.POST, url, headers: [("Authorization", "Bearer \(token)")], body: #"{"kind":"done"}"#)
            #expect(done.status == 200)
            let local = try await HTTP.get(server.url + "/ipxe?mac=52:54:00:00:00:01")
            #expect(local.body.contains("booting from local disk"))
            #expect(local.body.hasSuffix("exit\n"))
            #expect(!local.body.contains("kernel"))
            _ = try await server.cli(["machine", "reinstall", "52:54:00:00:00:01"])
            #expect(try await HTTP.get(server.url + "/ipxe?mac=52:54:00:00:00:01").body.contains("kernel"))
        }
    }

    @Test func metricsCountRequestsRendersAndStates() async throws {
        try await ProvisionServer.run() { server in
            _ = try await server.cli(["machine", "add", "52:54:00:00:00:01", "--profile", "worker"])
            _ = try await HTTP.get(server.url + "/ipxe?mac=52:54:00:00:00:01")
            _ = try await HTTP.get(server.url + "/cloud-config?mac=52:54:00:00:00:01")
            let metrics = try await HTTP.get(server.url + "/metrics")
            #expect(metrics.body.contains(#"provision_http_requests_total{route="/ipxe",status="200"} 1"#))
            #expect(metrics.body.contains(#"provision_renders_total{kind="cloud-config",result="ok"} 1"#))
            #expect(metrics.body.contains(#"provision_machines{state="booting"} 1"#))
        }
    }

    func reload(_ server: ProvisionServer) async throws -> HTTPReply {
        try await HTTP.request(.POST, server.url + "/api/v1/reload", headers: [("Authorization", "Bearer \(server.adminToken)")])
    }
}
