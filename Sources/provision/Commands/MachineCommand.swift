import ArgumentParser
import Foundation
import ProvisionModel
import ProvisionStore

struct MachineCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "machine",
        abstract: "Register machines and watch their state (registered → booting → installing → installed | failed).",
        subcommands: [Add.self, List.self, Show.self, Set.self, Remove.self, Reinstall.self, Import.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Register a machine by MAC (52:54:00:ab:cd:ef, 52-54-00-ab-cd-ef or 525400abcdef).")
        @Argument var mac: String
        @OptionGroup var fields: MachineFields
        @OptionGroup var client: ClientOptions

        func run() async throws {
            var spec = fields.spec()
            spec.mac = mac
            let machine: Machine = try await AdminClient(client).send(.POST, "/api/v1/machines", body: spec)
            try Output.print(machine, json: client.json) { MachineTable.render([$0]) }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List machines.")
        @Option(help: "Only machines in this state (\(MachineState.allCases.map(\.rawValue).joined(separator: ", "))).") var state: String?
        @Option(help: "Only machines with this label (key=value); repeatable.") var label: [String] = []
        @OptionGroup var client: ClientOptions

        func run() async throws {
            var query: [String] = []
            if let state { query.append("state=\(state.urlQueryEscaped)") }
            if !label.isEmpty { query.append("label=\(label.joined(separator: ",").urlQueryEscaped)") }
            let path = "/api/v1/machines" + (query.isEmpty ? "" : "?" + query.joined(separator: "&"))
            let machines: [Machine] = try await AdminClient(client).get(path)
            try Output.print(machines, json: client.json) { MachineTable.render($0) }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a machine, its state and recent events.")
        @Argument var mac: String
        @OptionGroup var client: ClientOptions

        func run() async throws {
            let detail: MachineDetail = try await AdminClient(client).get("/api/v1/machines/\(try MACArgument.parse(mac))")
            try Output.print(detail, json: client.json) { MachineTable.detail($0) }
        }
    }

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change a machine's name, profile, labels, metadata or ip.")
        @Argument var mac: String
        @OptionGroup var fields: MachineFields
        @Option(help: "Remove this label key; repeatable.") var unlabel: [String] = []
        @Option(help: "Remove this metadata key; repeatable.") var unmeta: [String] = []
        @OptionGroup var client: ClientOptions

        func run() async throws {
            let admin = try AdminClient(client)
            let address = try MACArgument.parse(mac)
            let current: MachineDetail = try await admin.get("/api/v1/machines/\(address)")
            var spec = fields.spec()
            // Labels and metadata given on the command line change those keys only.
            if !fields.label.isEmpty || !unlabel.isEmpty {
                spec.labels = current.machine.labels.merging(spec.labels ?? [:]) { $1 }.filter { !unlabel.contains($0.key) }
            }
            if !fields.meta.isEmpty || !unmeta.isEmpty {
                spec.metadata = current.machine.metadata.merging(spec.metadata ?? [:]) { $1 }.filter { !unmeta.contains($0.key) }
            }
            let machine: Machine = try await admin.send(.PATCH, "/api/v1/machines/\(address)", body: spec)
            try Output.print(machine, json: client.json) { MachineTable.render([$0]) }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "rm", abstract: "Forget a machine and its events.")
        @Argument var mac: String
        @OptionGroup var client: ClientOptions

        func run() async throws {
            let address = try MACArgument.parse(mac)
            _ = try await AdminClient(client).request(.DELETE, "/api/v1/machines/\(address)")
            try Output.print(["removed": address.description], json: client.json) { _ in "removed \(address)" }
        }
    }

    struct Reinstall: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Install again on the machine's next network boot.")
        @Argument var mac: String
        @OptionGroup var client: ClientOptions

        func run() async throws {
            let machine: Machine = try await AdminClient(client).send(.POST, "/api/v1/machines/\(try MACArgument.parse(mac))/reinstall", body: Optional<String>.none)
            try Output.print(machine, json: client.json) { MachineTable.render([$0]) }
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Register a rack at once from CSV (header: mac,name,profile,ip,labels,metadata; labels as k=v;k=v) or a YAML list.",
            discussion: "Idempotent. Bad rows are reported with their line number and left out; good rows land. Exit 1 if any row was refused.")
        @Argument var file: String
        @Option(help: "csv or yaml (default: from the file extension).") var format: String?
        @OptionGroup var client: ClientOptions

        func run() async throws {
            guard let data = FileManager.default.contents(atPath: file) else { throw CLIError("\(file): cannot read") }
            let kind = format ?? (file.hasSuffix(".yaml") || file.hasSuffix(".yml") ? "yaml" : "csv")
            let body = try await AdminClient(client).request(.POST, "/api/v1/machines/import?format=\(kind)", body: data, contentType: kind == "yaml" ? "application/yaml" : "text/csv")
            let report = try JSONDecoder.api.decode(ImportReport.self, from: body)
            try Output.print(report, json: client.json) { r in
                "imported \(file): \(r.created) created, \(r.updated) updated, \(r.unchanged) unchanged, \(r.problems.count) refused"
            }
            for problem in report.problems { Output.error("\(file):\(problem.line): \(problem.message)") }
            if !report.problems.isEmpty { throw ExitCode(1) }
        }
    }
}

/// Flags shared by `machine add` and `machine set`.
struct MachineFields: ParsableArguments {
    @Option(help: "Machine name (used as hostname by the sample profiles).") var name: String?
    @Option(help: "Profile id (a file in profiles/ without .yaml); overrides groups.") var profile: String?
    @Option(help: "Label key=value; repeatable.") var label: [String] = []
    @Option(help: "Metadata key=value for templates; repeatable.") var meta: [String] = []
    @Option(help: "Static address in CIDR form, e.g. 10.0.0.11/24.") var ip: String?

    func spec() -> MachineSpec {
        MachineSpec(name: name, profile: profile, labels: label.isEmpty ? nil : Self.pairs(label),
                    metadata: meta.isEmpty ? nil : Self.pairs(meta), ip: ip)
    }

    static func pairs(_ items: [String]) -> [String: String] {
        var map: [String: String] = [:]
        for item in items {
            let kv = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            map[String(kv[0])] = kv.count > 1 ? String(kv[1]) : ""
        }
        return map
    }

    func validate() throws {
        for item in label + meta where !item.contains("=") || item.hasPrefix("=") {
            throw ValidationError("'\(item)' is not key=value")
        }
    }
}

enum MACArgument {
    static func parse(_ text: String) throws -> MACAddress {
        guard let mac = MACAddress(text) else {
            throw CLIError("invalid MAC address '\(text)' (use 52:54:00:ab:cd:ef, 52-54-00-ab-cd-ef or 525400abcdef)")
        }
        return mac
    }
}

struct MachineDetail: Codable {
    var machine: Machine
    var events: [MachineEvent]
}

struct ImportReport: Codable {
    struct Problem: Codable { var line: Int; var message: String }
    var created: Int
    var updated: Int
    var unchanged: Int
    var problems: [Problem]
}

extension String {
    var urlQueryEscaped: String {
        addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? self
    }
}
