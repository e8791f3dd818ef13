import Foundation
import ProvisionModel
import ProvisionStore

/// The operator's view of the registry: add, change, remove, reinstall, import. Checks what the store cannot
/// (valid values, profiles that exist) and says what is wrong in one line.
public struct MachineRegistry: Sendable {
    public let store: any Store
    public let catalog: ProfileCatalog

    public init(store: any Store, catalog: ProfileCatalog) {
        self.store = store
        self.catalog = catalog
    }

    public func add(_ spec: MachineSpec) async throws -> Machine {
        let mac = try validatedMAC(spec)
        var machine = Machine(mac: mac)
        spec.apply(to: &machine)
        do { return try await store.createMachine(machine) } catch let error as StoreError where error.isAlreadyExists {
            throw RegistryError.conflict("\(mac) is already registered (change it with: provision machine set \(mac) …)")
        }
    }

    /// Changes the given fields. Adopting a `discovered` machine (giving it a profile) makes it `registered`.
    public func set(_ mac: MACAddress, _ spec: MachineSpec) async throws -> Machine {
        try validate(spec, requireMAC: false)
        return try await update(mac) { m in
            spec.apply(to: &m)
            if m.state == .discovered, m.profile != nil { m.transition(to: .registered) }
        }
    }

    /// Back to `registered`: the next network boot installs again.
    public func reinstall(_ mac: MACAddress) async throws -> Machine {
        try await update(mac) { m in
            m.transition(to: .registered)
            m.installToken = nil
        }
    }

    public func remove(_ mac: MACAddress) async throws {
        do { try await store.deleteMachine(mac) } catch let error as StoreError where error.isNotFound {
            throw RegistryError.notFound("\(mac) is not registered")
        }
    }

    public struct ImportReport: Sendable, Codable, Equatable {
        public var created: Int
        public var updated: Int
        public var unchanged: Int
        public var problems: [MachineImport.Problem]
    }

    /// Idempotent: importing the same sheet twice changes nothing the second time. Good rows land in one
    /// transaction; each bad row is reported with its line and left out.
    public func importSheet(_ text: String, format: String?) async throws -> ImportReport {
        var (rows, problems) = MachineImport.parse(text, format: format)
        var machines: [MACAddress: Machine] = [:]
        var order: [MACAddress] = []
        for row in rows {
            do {
                let mac = try validatedMAC(row.spec)
                var machine = Machine(mac: mac)
                row.spec.apply(to: &machine)
                if machines[mac] == nil { order.append(mac) }
                machines[mac] = machine
            } catch {
                problems.append(.init(line: row.line, message: "\(error)"))
            }
        }
        let summary = try await store.upsertMachines(order.compactMap { machines[$0] })
        return ImportReport(created: summary.created, updated: summary.updated, unchanged: summary.unchanged,
                            problems: problems.sorted { $0.line < $1.line })
    }

    func update(_ mac: MACAddress, _ change: @escaping @Sendable (inout Machine) -> Void) async throws -> Machine {
        do { return try await store.updateMachine(mac) { change(&$0) } } catch let error as StoreError where error.isNotFound {
            throw RegistryError.notFound("\(mac) is not registered")
        }
    }

    func validatedMAC(_ spec: MachineSpec) throws(RegistryError) -> MACAddress {
        try validate(spec, requireMAC: true)
        guard let mac = spec.mac.flatMap(MACAddress.init) else { throw .invalid("mac is required") }
        return mac
    }

    func validate(_ spec: MachineSpec, requireMAC: Bool) throws(RegistryError) {
        var problems = spec.problems(requireMAC: requireMAC)
        if let profile = spec.profile, !profile.isEmpty {
            let known = catalog.current.set.profiles.keys.sorted()
            if !known.contains(profile) {
                problems.append("unknown profile '\(profile)' (known: \(known.joined(separator: ", ")))")
            }
        }
        guard problems.isEmpty else { throw .invalid(problems.joined(separator: "; ")) }
    }
}

/// Why an operator request was refused; maps to 400/404/409.
public enum RegistryError: Error, CustomStringConvertible, Equatable {
    case invalid(String)
    case notFound(String)
    case conflict(String)

    public var description: String {
        switch self {
        case .invalid(let m), .notFound(let m), .conflict(let m): m
        }
    }
}
