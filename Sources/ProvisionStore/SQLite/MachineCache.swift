import ProvisionModel
import Synchronization

/// Machines by MAC, kept in memory so the boot path (`/ipxe`, `/cloud-config`) reads without a database round trip.
///
/// Sound because this process is the database's only writer: every write goes through `SQLiteStore`, which
/// records it here after the transaction commits. Writes carry a sequence number taken inside the (serialised)
/// write transaction, so a late-arriving older write never overwrites a newer one; a read only fills a slot
/// nobody has written yet, so a read that raced a write never brings back stale data. Deletions leave a tombstone.
final class MachineCache: Sendable {
    private struct Entry {
        var sequence: UInt64
        var machine: Machine?
    }

    private let entries = Mutex<[MACAddress: Entry]>([:])
    private let nextSequence = Atomic<UInt64>(1)

    /// `.some(nil)` is a known absence (deleted); `nil` means "not cached, ask the database".
    func lookup(_ mac: MACAddress) -> Machine?? {
        entries.withLock { $0[mac].map(\.machine) }
    }

    /// Call inside the write transaction; pass the result to `record`.
    func takeSequence() -> UInt64 {
        nextSequence.wrappingAdd(1, ordering: .relaxed).oldValue
    }

    /// A committed write (`nil` for a deletion).
    func record(_ mac: MACAddress, _ machine: Machine?, sequence: UInt64) {
        entries.withLock { map in
            if let current = map[mac], current.sequence > sequence { return }
            map[mac] = Entry(sequence: sequence, machine: machine)
        }
    }

    /// What a read found in the database; kept only if no write has been recorded meanwhile.
    func fill(_ mac: MACAddress, _ machine: Machine) {
        entries.withLock { map in
            if map[mac] == nil { map[mac] = Entry(sequence: 0, machine: machine) }
        }
    }
}
