import Foundation
import ProvisionModel
import ProvisionStore
import Testing

@Suite struct SQLiteStoreTests {
    let mac = MACAddress("52:54:00:00:00:01")!

    @Test func createReadUpdateDelete() async throws {
        let store = try SQLiteStore(path: ":memory:")
        let created = try await store.createMachine(Machine(mac: mac, name: "n1", labels: ["role": "w"]))
        #expect(created.revision == 1)
        #expect(try await store.machine(mac)?.labels == ["role": "w"])
        let updated = try await store.updateMachine(mac) { $0.transition(to: .booting) }
        #expect(updated.revision == 2 && updated.state == .booting)
        #expect(try await store.machineCountsByState() == [.booting: 1])
        try await store.deleteMachine(mac)
        #expect(try await store.machine(mac) == nil)
        await #expect(throws: StoreError.notFound("machine \(mac)")) { try await store.deleteMachine(mac) }
    }

    @Test func creatingAnExistingMACThrowsAlreadyExists() async throws {
        let store = try SQLiteStore(path: ":memory:")
        _ = try await store.createMachine(Machine(mac: mac))
        await #expect(throws: StoreError.alreadyExists("machine \(mac)")) { try await store.createMachine(Machine(mac: mac)) }
    }

    @Test func staleRevisionIsAConflict() async throws {
        let store = try SQLiteStore(path: ":memory:")
        let first = try await store.createMachine(Machine(mac: mac))
        _ = try await store.replaceMachine(first)
        await #expect(throws: StoreError.conflict("machine \(mac)")) { try await store.replaceMachine(first) }
    }

    @Test func concurrentUpdatesAllLand() async throws {
        let store = try SQLiteStore(path: ":memory:")
        _ = try await store.createMachine(Machine(mac: mac))
        try await withThrowingTaskGroup(of: Void.self) { group in
            for i in 0..<20 {
                group.addTask { try await store.updateMachine(mac, attempts: 100) { $0.labels["k\(i)"] = "v" } }
            }
            try await group.waitForAll()
        }
        #expect(try await store.machine(mac)?.labels.count == 20)
    }

    @Test func upsertIsIdempotent() async throws {
        let store = try SQLiteStore(path: ":memory:")
        let machines = (1...50).map { Machine(mac: MACAddress(bytes: [0x52, 0x54, 0, 0, 0, UInt8($0)])!, name: "n\($0)") }
        #expect(try await store.upsertMachines(machines) == UpsertSummary(created: 50))
        #expect(try await store.upsertMachines(machines) == UpsertSummary(unchanged: 50))
        var changed = machines
        changed[0].name = "renamed"
        #expect(try await store.upsertMachines(changed) == UpsertSummary(updated: 1, unchanged: 49))
    }

    @Test func filtersByStateAndLabels() async throws {
        let store = try SQLiteStore(path: ":memory:")
        _ = try await store.createMachine(Machine(mac: mac, labels: ["role": "w", "rack": "1"]))
        _ = try await store.createMachine(Machine(mac: MACAddress("52:54:00:00:00:02")!, labels: ["role": "w"], state: .installed))
        #expect(try await store.machines(MachineFilter(labels: ["role": "w"])).count == 2)
        #expect(try await store.machines(MachineFilter(labels: ["role": "w", "rack": "1"])).map(\.mac) == [mac])
        #expect(try await store.machines(MachineFilter(state: .installed)).count == 1)
    }

    @Test func dataSurvivesReopeningTheFile() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("p.sqlite").path
        do {
            let store = try SQLiteStore(path: path)
            _ = try await store.createMachine(Machine(mac: mac, name: "kept"))
            try await store.appendEvent(MachineEvent(mac: mac, kind: "done"))
        }
        let reopened = try SQLiteStore(path: path)
        #expect(try await reopened.machine(mac)?.name == "kept")
        #expect(try await reopened.events(for: mac, limit: 10).map(\.kind) == ["done"])
        #expect(FileManager.default.fileExists(atPath: path + "-wal"), "WAL mode")
    }

    @Test func unreadableDatabaseSaysWhere() {
        #expect(throws: StoreError.self) { try SQLiteStore(path: "/proc/no/such/dir/x.sqlite") }
    }
}
