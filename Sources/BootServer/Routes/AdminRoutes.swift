import Hummingbird
import Logging
import ProvisionModel
import ProvisionStore

/// `/api/v1`: the operator's API (bearer token), plus the agent's event endpoint (install token).
struct AdminRoutes {
    let registry: MachineRegistry
    let boot: BootService
    let logger: Logger

    struct MachineDetail: Encodable {
        var machine: Machine
        var events: [MachineEvent]
    }

    func register(admin api: RouterGroup<BasicRequestContext>, open router: Router<BasicRequestContext>, adminToken: String) {
        api.get("machines") { request, _ in
            let q = request.query
            var filter = MachineFilter()
            if let state = q["state"] {
                guard let s = MachineState(rawValue: state) else { throw RegistryError.invalid("unknown state '\(state)'") }
                filter.state = s
            }
            filter.labels = try MachineImport.pairs(q["label"]?.replacingOccurrences(of: ",", with: ";")) ?? [:]
            return try Reply.json(try await registry.store.machines(filter))
        }
        api.post("machines") { request, _ in
            try Reply.json(try await registry.add(try await request.decodeJSON(MachineSpec.self)), status: .created)
        }
        api.post("machines/import") { request, _ in
            let report = try await registry.importSheet(try await request.bodyText(), format: request.query["format"])
            return try Reply.json(report)
        }
        api.get("machines/:mac") { _, context in
            let mac = try Self.mac(context)
            guard let machine = try await registry.store.machine(mac) else { throw RegistryError.notFound("\(mac) is not registered") }
            return try Reply.json(MachineDetail(machine: machine, events: try await registry.store.events(for: mac, limit: 50)))
        }
        api.patch("machines/:mac") { request, context in
            try Reply.json(try await registry.set(try Self.mac(context), try await request.decodeJSON(MachineSpec.self)))
        }
        api.delete("machines/:mac") { _, context in
            try await registry.remove(try Self.mac(context))
            return Response(status: .noContent)
        }
        api.post("machines/:mac/reinstall") { _, context in
            try Reply.json(try await registry.reinstall(try Self.mac(context)))
        }
        registerProfiles(api)
        registerRender(api)
        // The agent holds an install token, not the admin token, so events sit outside the admin guard.
        router.post("/api/v1/machines/:mac/events") { request, context in
            let event = try await request.decodeJSON(InstallEvent.self)
            let token = request.bearerToken
            let isAdmin = token.map { InstallToken.matches($0, adminToken) } ?? false
            return try Reply.json(try await boot.recordEvent(try Self.mac(context), event, token: token, isAdmin: isAdmin))
        }
    }

    func registerProfiles(_ api: RouterGroup<BasicRequestContext>) {
        api.get("profiles") { _, _ in
            let set = boot.catalog.current.set
            return try Reply.json(set.profiles.values.sorted { $0.id < $1.id })
        }
        api.get("profiles/:id") { _, context in
            let id = try context.parameters.require("id")
            guard let profile = boot.catalog.current.set.profiles[id] else { throw RegistryError.notFound("no profile '\(id)'") }
            return try Reply.json(profile)
        }
        api.get("groups") { _, _ in try Reply.json(boot.catalog.current.set.groups) }
        api.post("reload") { _, _ in
            switch boot.catalog.reload(logger: logger) {
            case .success(let loaded):
                return try Reply.json(["profiles": loaded.set.profiles.count, "groups": loaded.set.groups.count])
            case .failure(let error):
                return Reply.error("reload refused, previous profiles keep serving: \(error)", status: .unprocessableContent, json: true)
            }
        }
    }

    func registerRender(_ api: RouterGroup<BasicRequestContext>) {
        api.get("render/:mac") { request, context in
            let mac = try Self.mac(context)
            var query = request.query
            query["mac"] = mac.description
            let boot = self.boot
            let bootRequest = try BootRequest(query: query)
            switch query["what"] ?? "ipxe" {
            case "ipxe": return Reply.text(try await boot.previewIPXE(bootRequest))
            case "cloud-config": return Reply.text(try await boot.cloudConfig(bootRequest))
            case "metadata": return try Reply.json(try await boot.metadata(bootRequest))
            case "install": return try Reply.json(try await boot.installPlan(bootRequest))
            case let other: throw RegistryError.invalid("unknown --what '\(other)' (ipxe, cloud-config, metadata, install)")
            }
        }
    }

    static func mac(_ context: BasicRequestContext) throws -> MACAddress {
        let text = try context.parameters.require("mac")
        guard let mac = MACAddress(text) else { throw RegistryError.invalid("invalid MAC address '\(text)'") }
        return mac
    }
}
