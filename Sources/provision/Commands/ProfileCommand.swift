import ArgumentParser
import Foundation
import ProvisionModel

struct ProfileCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profile", abstract: "Inspect the server's profiles and groups; reload them.",
        subcommands: [List.self, Show.self, Groups.self, Reload.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List profiles.")
        @OptionGroup var client: ClientOptions
        func run() async throws {
            let profiles: [Profile] = try await AdminClient(client).get("/api/v1/profiles")
            try Output.print(profiles, json: client.json) { list in
                TextTable.render(header: ["ID", "KERNEL", "CLOUD-CONFIG", "INSTALL"], rows: list.map {
                    [$0.id, $0.boot?.kernel ?? "-", $0.cloudConfig ?? "-", $0.install?.image ?? "-"]
                })
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one profile as the server loaded it.")
        @Argument var id: String
        @OptionGroup var client: ClientOptions
        func run() async throws {
            let data = try await AdminClient(client).request(.GET, "/api/v1/profiles/\(id.urlQueryEscaped)")
            Output.write(String(decoding: data, as: UTF8.self))
        }
    }

    struct Groups: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List groups in the order selection tries them.")
        @OptionGroup var client: ClientOptions
        func run() async throws {
            let groups: [Group] = try await AdminClient(client).get("/api/v1/groups")
            try Output.print(groups, json: client.json) { list in
                TextTable.render(header: ["ID", "PROFILE", "SELECTOR"], rows: list.map {
                    [$0.id, $0.profile, $0.selector.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",").ifEmpty("(default)")]
                })
            }
        }
    }

    struct Reload: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Re-read profiles/; a broken file is reported and the previous set keeps serving.")
        @OptionGroup var client: ClientOptions
        func run() async throws {
            let data = try await AdminClient(client).request(.POST, "/api/v1/reload")
            Output.write(String(decoding: data, as: UTF8.self))
        }
    }
}
