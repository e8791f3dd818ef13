import Foundation
import ProvisionModel

/// Server mode (RFC 2131): hands out addresses from the range, honours reservations, and tells network-boot
/// clients what to load in the same OFFER/ACK. Pure: a request and the pool in, the reply and the lease change out.
public struct DHCPServerResponder: Sendable {
    public let settings: DHCPServerSettings

    public init(settings: DHCPServerSettings) { self.settings = settings }

    /// What handling one request did.
    public struct Outcome: Sendable, Equatable {
        public var reply: DHCPMessage?
        /// The lease to persist (ACK) or forget (RELEASE, DECLINE).
        public var change: LeaseChange?
        /// Why a request got a NAK or no answer, for the debug log.
        public var note: String?
    }

    public enum LeaseChange: Sendable, Equatable {
        case bound(MACAddress, LeasePool.Lease)
        case released(MACAddress)
    }

    public func respond(to request: DHCPMessage, reservation: IPv4Address?, pool: inout LeasePool, now: Date) -> Outcome {
        guard request.operation == .request, let mac = request.mac, let type = request.messageType else {
            return Outcome(note: "not an Ethernet client request with a message type")
        }
        switch type {
        case .discover: return discover(request, mac: mac, reservation: reservation, pool: &pool, now: now)
        case .request: return self.request(request, mac: mac, reservation: reservation, pool: &pool, now: now)
        case .release: return release(request, mac: mac, pool: &pool)
        case .decline: return decline(request, mac: mac, pool: &pool, now: now)
        case .inform: return Outcome(reply: answer(request, type: .ack, address: nil))
        default: return Outcome(note: "\(type) is not for a server")
        }
    }

    private func discover(_ request: DHCPMessage, mac: MACAddress, reservation: IPv4Address?,
                          pool: inout LeasePool, now: Date) -> Outcome {
        let requested = request.options.address(.requestedAddress)
        guard let address = pool.candidate(for: mac, reserved: reservation, requested: requested, now: now) else {
            return Outcome(note: "range \(settings.range) exhausted; no offer for \(mac)")
        }
        pool.hold(address, for: mac, now: now)
        return Outcome(reply: answer(request, type: .offer, address: address))
    }

    /// SELECTING (server id + requested address), INIT-REBOOT (requested address only), RENEWING/REBINDING (ciaddr).
    private func request(_ request: DHCPMessage, mac: MACAddress, reservation: IPv4Address?,
                         pool: inout LeasePool, now: Date) -> Outcome {
        if let chosen = request.options.address(.serverIdentifier), chosen != settings.server {
            pool.withdrawOffer(to: mac)   // it took another server's offer (RFC 2131 §4.3.2)
            return Outcome(note: "\(mac) chose server \(chosen)")
        }
        let renewing = request.clientAddress != .zero && request.options.address(.requestedAddress) == nil
        guard let address = renewing ? request.clientAddress : request.options.address(.requestedAddress) else {
            return Outcome(reply: nak(request), note: "REQUEST from \(mac) names no address")
        }
        if renewing, pool.lease(for: mac)?.address != address {
            return Outcome(reply: nak(request), note: "\(mac) renews \(address), which is not its lease")
        }
        let allowed = address == reservation || settings.range.contains(address) || pool.lease(for: mac)?.address == address
        guard allowed, pool.isFree(address, for: mac, now: now) else {
            return Outcome(reply: nak(request), note: "\(mac) asked for \(address), which is not free for it")
        }
        let lease = pool.commit(address, to: mac, now: now)
        return Outcome(reply: answer(request, type: .ack, address: address), change: .bound(mac, lease))
    }

    private func release(_ request: DHCPMessage, mac: MACAddress, pool: inout LeasePool) -> Outcome {
        guard pool.lease(for: mac)?.address == request.clientAddress, pool.release(mac) else {
            return Outcome(note: "RELEASE from \(mac) of \(request.clientAddress), which it does not hold")
        }
        return Outcome(change: .released(mac))
    }

    private func decline(_ request: DHCPMessage, mac: MACAddress, pool: inout LeasePool, now: Date) -> Outcome {
        guard let address = request.options.address(.requestedAddress) else { return Outcome(note: "DECLINE without an address") }
        let held = pool.lease(for: mac)?.address == address
        pool.decline(address, by: mac, now: now)
        return Outcome(change: held ? .released(mac) : nil, note: "\(mac) declined \(address): in use on the segment")
    }

    /// OFFER/ACK with the address (nil for INFORM: no lease, RFC 2131 §4.3.5), network settings and boot answer.
    private func answer(_ request: DHCPMessage, type: DHCPMessageType, address: IPv4Address?) -> DHCPMessage {
        var reply = DHCPMessage(replyingTo: request, type: type, server: settings.server)
        reply.clientAddress = address == nil ? request.clientAddress : .zero
        reply.yourAddress = address ?? .zero
        if address != nil {
            reply.options.setSeconds(.leaseTime, settings.leaseTime)
            reply.options.setSeconds(.renewalTime, settings.renewalTime)
            reply.options.setSeconds(.rebindingTime, settings.rebindingTime)
        }
        reply.options.setAddresses(.subnetMask, [settings.subnetMask])
        reply.options.setAddresses(.router, settings.routers)
        reply.options.setAddresses(.domainNameServer, settings.dnsServers)
        if let client = BootClient(request.options) {
            BootOffer.choose(for: client, server: settings.server, files: settings.files).apply(to: &reply, request: request)
        }
        return reply
    }

    private func nak(_ request: DHCPMessage) -> DHCPMessage {
        var reply = DHCPMessage(replyingTo: request, type: .nak, server: settings.server)
        reply.broadcast = true
        return reply
    }
}
