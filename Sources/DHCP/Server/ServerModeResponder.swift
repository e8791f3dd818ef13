import Foundation
import Logging
import ProvisionModel
import ProvisionStore

/// Server mode's stateful side: the lease pool in memory, written through to the lease store (so leases are
/// honoured after a restart), reservations read from machine records (`machine add --ip`).
public actor ServerModeResponder: DHCPResponding {
    private let responder: DHCPServerResponder
    private var pool: LeasePool
    private let machines: any Store
    private let leaseStore: any LeaseStore
    private let logger: Logger
    private var reservationsReadAt: ContinuousClock.Instant?

    private init(settings: DHCPServerSettings, pool: LeasePool, machines: any Store, leaseStore: any LeaseStore, logger: Logger) {
        responder = DHCPServerResponder(settings: settings)
        self.pool = pool
        self.machines = machines
        self.leaseStore = leaseStore
        self.logger = logger
    }

    /// Reads the stored leases (those outside the current subnet are ignored, not deleted).
    public static func load(settings: DHCPServerSettings, machines: any Store, leaseStore: any LeaseStore,
                            logger: Logger) async throws -> ServerModeResponder {
        var leases: [MACAddress: LeasePool.Lease] = [:]
        for lease in try await leaseStore.leases() {
            guard let address = IPv4Address(lease.address) else { continue }
            leases[lease.mac] = LeasePool.Lease(address: address, expiresAt: lease.expiresAt)
        }
        return ServerModeResponder(settings: settings, pool: LeasePool(settings: settings, leases: leases),
                                   machines: machines, leaseStore: leaseStore, logger: logger)
    }

    public func respond(to request: DHCPMessage, onPort port: Int) async -> DHCPReply? {
        guard let mac = request.mac else { return nil }
        await refreshReservations()
        let reservation = (try? await machines.machine(mac))?.flatMap { Self.address(ofMachineIP: $0.ip) }
        let outcome = responder.respond(to: request, reservation: reservation, pool: &pool, now: Date())
        if let note = outcome.note { logger.debug("dhcp: \(note)") }
        do {
            switch outcome.change {
            case .bound(let mac, let lease)?:
                try await leaseStore.saveLease(DHCPLease(mac: mac, address: lease.address.description,
                                                         expiresAt: lease.expiresAt, hostname: request.options.text(.hostName)))
            case .released(let mac)?:
                try await leaseStore.deleteLease(mac)
            case nil:
                break
            }
        } catch {
            // No ACK for a lease that is not on disk: the client retries, and a restart cannot hand its address out twice.
            logger.error("dhcp: cannot store the lease of \(mac): \(error)")
            return nil
        }
        return outcome.reply.map { DHCPReply(message: $0, destination: ReplyDestination(request: request, reply: $0)) }
    }

    /// The leases in memory, for `leases` listings and tests.
    public var leases: [MACAddress: LeasePool.Lease] { pool.leases }

    /// Re-reads reserved addresses at most every 10 s, so a machine added with `--ip` is kept out of the
    /// dynamic range soon, without a full read per packet.
    private func refreshReservations() async {
        let now = ContinuousClock.now
        if let last = reservationsReadAt, now - last < .seconds(10) { return }
        reservationsReadAt = now
        guard let all = try? await machines.machines(.all) else { return }
        var reservations: [IPv4Address: MACAddress] = [:]
        for machine in all {
            if let address = Self.address(ofMachineIP: machine.ip) { reservations[address] = machine.mac }
        }
        pool.reservations = reservations
    }

    /// `10.0.0.11/24` (a machine record's `ip`) → 10.0.0.11.
    static func address(ofMachineIP ip: String?) -> IPv4Address? {
        guard let ip else { return nil }
        return IPv4Address(ip.split(separator: "/", maxSplits: 1).first ?? "")
    }
}
