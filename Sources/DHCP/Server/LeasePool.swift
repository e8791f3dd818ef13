import Foundation
import ProvisionModel

/// Server mode's address book: committed leases (expired ones kept, so a returning client gets its old address
/// back while nobody else took it), addresses held for a pending OFFER, declined addresses, and the addresses
/// operators reserved for machines (`machine add --ip`). Pure: the caller persists what `commit`/`release` change.
public struct LeasePool: Sendable {
    public struct Lease: Sendable, Equatable {
        public var address: IPv4Address
        public var expiresAt: Date
        public init(address: IPv4Address, expiresAt: Date) {
            self.address = address
            self.expiresAt = expiresAt
        }
    }

    public let settings: DHCPServerSettings
    public private(set) var leases: [MACAddress: Lease] = [:]
    private var holders: [IPv4Address: MACAddress] = [:]
    private var offers: [MACAddress: Lease] = [:]
    private var offeredTo: [IPv4Address: MACAddress] = [:]
    private var declined: [IPv4Address: Date] = [:]
    /// Reserved address → the machine it belongs to. Refreshed by the caller from machine records.
    public var reservations: [IPv4Address: MACAddress] = [:]

    public init(settings: DHCPServerSettings, leases: [MACAddress: Lease] = [:]) {
        self.settings = settings
        for (mac, lease) in leases where settings.inSubnet(lease.address) && holders[lease.address] == nil {
            self.leases[mac] = lease
            holders[lease.address] = mac
        }
    }

    public func lease(for mac: MACAddress) -> Lease? { leases[mac] }

    /// The address to offer `mac`, in order of preference: its reservation, its current or former lease, the
    /// address it is already being offered, the one it asks for, then the lowest free address of the range.
    /// Nil when the range is exhausted.
    public func candidate(for mac: MACAddress, reserved: IPv4Address?, requested: IPv4Address?, now: Date) -> IPv4Address? {
        if let reserved, settings.inSubnet(reserved), isFree(reserved, for: mac, now: now) { return reserved }
        let preferred = [leases[mac]?.address, offers[mac]?.address, requested].compactMap { $0 }
        if let address = preferred.first(where: { settings.range.contains($0) && isFree($0, for: mac, now: now) }) {
            return address
        }
        return settings.range.addresses.first { isFree($0, for: mac, now: now) }
    }

    /// Whether `mac` may have `address`: ours to give, and not leased, offered, declined or reserved for another.
    public func isFree(_ address: IPv4Address, for mac: MACAddress, now: Date) -> Bool {
        guard address != settings.server, settings.inSubnet(address) else { return false }
        if let until = declined[address], until > now { return false }
        if let owner = reservations[address], owner != mac { return false }
        if let holder = holders[address], holder != mac, let lease = leases[holder], lease.expiresAt > now { return false }
        if let taker = offeredTo[address], taker != mac, let offer = offers[taker], offer.expiresAt > now { return false }
        return true
    }

    /// Holds `address` for `mac` until the offer lapses.
    public mutating func hold(_ address: IPv4Address, for mac: MACAddress, now: Date) {
        withdrawOffer(to: mac)
        offers[mac] = Lease(address: address, expiresAt: now.addingTimeInterval(settings.offerHold))
        offeredTo[address] = mac
        pruneOffers(now: now)
    }

    /// Binds `address` to `mac` for a lease time from `now`; an expired lease of another client on it is dropped.
    @discardableResult
    public mutating func commit(_ address: IPv4Address, to mac: MACAddress, now: Date) -> Lease {
        if let old = leases[mac]?.address, old != address { holders[old] = nil }
        if let previous = holders[address], previous != mac { leases[previous] = nil }
        let lease = Lease(address: address, expiresAt: now.addingTimeInterval(TimeInterval(settings.leaseTime)))
        leases[mac] = lease
        holders[address] = mac
        withdrawOffer(to: mac)
        return lease
    }

    /// The client gave its address back (RELEASE). Returns whether it held one.
    @discardableResult
    public mutating func release(_ mac: MACAddress) -> Bool {
        withdrawOffer(to: mac)
        guard let lease = leases.removeValue(forKey: mac) else { return false }
        holders[lease.address] = nil
        return true
    }

    /// The client found `address` in use (DECLINE): nobody gets it for a lease time.
    public mutating func decline(_ address: IPv4Address, by mac: MACAddress, now: Date) {
        if holders[address] == mac { release(mac) }
        withdrawOffer(to: mac)
        declined[address] = now.addingTimeInterval(TimeInterval(settings.leaseTime))
    }

    /// Forgets a pending offer (the client took another server's).
    public mutating func withdrawOffer(to mac: MACAddress) {
        guard let offer = offers.removeValue(forKey: mac) else { return }
        if offeredTo[offer.address] == mac { offeredTo[offer.address] = nil }
    }

    /// Drops offers that lapsed, so a storm of clients that never REQUEST does not grow the tables.
    private mutating func pruneOffers(now: Date) {
        guard offers.count > 4096 else { return }
        for (mac, offer) in offers where offer.expiresAt <= now { withdrawOffer(to: mac) }
    }
}
