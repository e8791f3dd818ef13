import Foundation
import ProvisionModel

/// Where machines, their events and the discovery key space live.
///
/// Implementations: `SQLiteStore` (the embedded default; `:memory:` for tests) and, later, an etcd v3
/// store shared by several replicas. Every method is atomic on its own. Updates are compare-and-swap on
/// `Machine.revision`, so replicas never lose each other's writes; callers use `updateMachine(_:_:)`,
/// which retries on conflict.
public protocol Store: Sendable {
    /// The machine with this MAC, or nil.
    func machine(_ mac: MACAddress) async throws -> Machine?

    /// Machines matching `filter`, ordered by MAC.
    func machines(_ filter: MachineFilter) async throws -> [Machine]

    /// Inserts a new machine and returns it with its first revision.
    /// Throws `StoreError.alreadyExists` when the MAC is registered.
    func createMachine(_ machine: Machine) async throws -> Machine

    /// Replaces the stored record if its revision still equals `machine.revision`; returns it with the next revision.
    /// Throws `StoreError.notFound` when absent, `StoreError.conflict` when someone else wrote it first.
    func replaceMachine(_ machine: Machine) async throws -> Machine

    /// Creates or replaces many machines in one transaction (an import): all land or none.
    /// Records whose fields are unchanged are left alone (their revision does not move).
    func upsertMachines(_ machines: [Machine]) async throws -> UpsertSummary

    /// Removes the machine and its events. Throws `StoreError.notFound` when absent.
    func deleteMachine(_ mac: MACAddress) async throws

    /// Number of machines in each state (states with none are absent).
    func machineCountsByState() async throws -> [MachineState: Int]

    /// Appends to the machine's event log.
    func appendEvent(_ event: MachineEvent) async throws

    /// The machine's most recent events, oldest first.
    func events(for mac: MACAddress, limit: Int) async throws -> [MachineEvent]
}

/// Which machines `Store.machines(_:)` returns; every set field must match.
public struct MachineFilter: Sendable, Equatable {
    public var state: MachineState?
    public var labels: [String: String]

    public init(state: MachineState? = nil, labels: [String: String] = [:]) {
        self.state = state
        self.labels = labels
    }

    public static let all = MachineFilter()

    public func matches(_ machine: Machine) -> Bool {
        if let state, machine.state != state { return false }
        return labels.allSatisfy { machine.labels[$0.key] == $0.value }
    }
}

/// What an import did.
public struct UpsertSummary: Sendable, Equatable, Codable {
    public var created: Int
    public var updated: Int
    public var unchanged: Int
    public init(created: Int = 0, updated: Int = 0, unchanged: Int = 0) {
        self.created = created
        self.updated = updated
        self.unchanged = unchanged
    }
}

/// One entry of a machine's history: state changes and install progress.
public struct MachineEvent: Sendable, Equatable, Codable {
    public var mac: MACAddress
    public var at: Date
    public var kind: String
    public var message: String?
    public var bytes: Int64?
    public var rate: Double?

    public init(mac: MACAddress, at: Date = Date(), kind: String, message: String? = nil,
                bytes: Int64? = nil, rate: Double? = nil) {
        self.mac = mac
        self.at = at
        self.kind = kind
        self.message = message
        self.bytes = bytes
        self.rate = rate
    }
}

extension Store {
    /// Reads, mutates and writes back with compare-and-swap, retrying when another writer got there first.
    /// Throws `StoreError.notFound` when the machine does not exist.
    @discardableResult
    public func updateMachine(_ mac: MACAddress, attempts: Int = 8,
                              _ mutate: @Sendable (inout Machine) throws -> Void) async throws -> Machine {
        for _ in 0..<max(attempts, 1) {
            guard var machine = try await machine(mac) else { throw StoreError.notFound("machine \(mac)") }
            try mutate(&machine)
            do {
                return try await replaceMachine(machine)
            } catch let error as StoreError where error.isConflict {
                continue
            }
        }
        throw StoreError.conflict("machine \(mac): too many concurrent updates")
    }
}
