import Foundation
import Testing
import TestSupport

/// `GET /install` and the agent's events, as the install agent sees them.
@Suite struct InstallPlanEndToEndTests {
    struct Plan: Decodable {
        var image_url: String
        var signature_url: String
        var compression: String
        var size: Int64?
        var disk: String
        var mirror_b: Bool
        var cloud_config_url: String
        var event_url: String
        var token: String
    }

    @Test func planFollowsTheChannelAndEventsMoveTheState() async throws {
        try await ProvisionServer.run() { server in
            try FileManager.default.createDirectory(atPath: server.assetsDir + "/flatcar/1.2.3", withIntermediateDirectories: true)
            try "1.2.3\n".write(toFile: server.assetsDir + "/flatcar/stable", atomically: true, encoding: .utf8)
            try Data(repeating: 7, count: 4096).write(to: URL(fileURLWithPath: server.assetsDir + "/flatcar/1.2.3/root.img.zst"))
            try Data([1, 2, 3]).write(to: URL(fileURLWithPath: server.assetsDir + "/flatcar/1.2.3/root.img.zst.sig"))
            _ = try await server.cli(["machine", "add", "52:54:00:00:00:01", "--profile", "etcd-member"])

            let script = try await HTTP.get(server.url + "/ipxe?mac=52:54:00:00:00:01")
            let reply = try await HTTP.get(server.url + "/install?mac=52-54-00-00-00-01")
            #expect(reply.status == 200, "\(reply.body)")
            let plan = try JSONDecoder().decode(Plan.self, from: Data(reply.body.utf8))
            #expect(plan.image_url == server.url + "/assets/flatcar/1.2.3/root.img.zst")
            #expect(plan.signature_url == plan.image_url + ".sig")
            #expect(plan.compression == "zstd")
            #expect(plan.size == 4096)
            #expect(plan.cloud_config_url == server.url + "/cloud-config?mac=52:54:00:00:00:01")
            #expect(script.body.contains("provision.token=\(plan.token)"), "the kernel args carry the plan's token")
            #expect((try await HTTP.get(plan.image_url)).bytes.count == 4096)

            let post = { (body: String, token: String) in
                try await HTTP.request(.POST, plan.event_url, headers: [("Authorization", "Bearer \(token)")], body: body)
            }
            #expect(try await post(#"{"kind":"download","bytes":1024,"rate":1048576}"#, plan.token).status == 200)
            #expect(try await server.cli(["machine", "show", "52:54:00:00:00:01"]).stdout.contains("state:    installing"))
            #expect(try await post(#"{"kind":"failed","reason":"disk /dev/sda is too small"}"#, plan.token).status == 200)
            let show = try await server.cli(["machine", "show", "52:54:00:00:00:01"])
            #expect(show.stdout.contains("failed(disk /dev/sda is too small)"))
            #expect(show.stdout.contains("download"))
            #expect(try await post(#"{"kind":"done"}"#, "not-the-token").status == 403)
        }
    }

    @Test func planForAProfileWithoutImageSaysWhatIsMissing() async throws {
        try await ProvisionServer.run() { server in
            _ = try await server.cli(["machine", "add", "52:54:00:00:00:01", "--profile", "etcd-member"])
            let reply = try await HTTP.get(server.url + "/install?mac=52:54:00:00:00:01")
            #expect(reply.status == 404)
            #expect(reply.body.contains("image channel 'flatcar/stable' not found"))
            let unknown = try await HTTP.get(server.url + "/install?mac=52:54:00:00:00:99")
            #expect(unknown.status == 404)
            let bad = try await HTTP.get(server.url + "/install?mac=zz")
            #expect(bad.status == 400)
        }
    }
}
