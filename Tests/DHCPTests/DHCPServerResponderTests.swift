@testable import DHCP
import Foundation
import ProvisionModel
import Testing

@Suite struct DHCPServerResponderTests {
    let server = IPv4Address(10, 0, 0, 1)
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func settings(range: String = "10.0.0.100-10.0.0.102") throws -> DHCPServerSettings {
        try DHCPServerSettings(server: server, subnetMask: IPv4Address(255, 255, 255, 0), range: AddressRange(parsing: range),
                               routers: [IPv4Address(10, 0, 0, 254)], dnsServers: [IPv4Address(10, 0, 0, 53)], leaseTime: 3600,
                               files: .init(uefiHTTP: "http://10.0.0.1:8080/firmware/ipxe.efi", ipxeScript: "http://10.0.0.1:8080/boot.ipxe"))
    }

    func message(_ type: DHCPMessageType, mac last: UInt8, requested: IPv4Address? = nil, serverID: IPv4Address? = nil,
                 clientAddress: IPv4Address = .zero, vendorClass: String? = nil) -> DHCPMessage {
        var m = DHCPMessage(operation: .request, transactionID: 0x1000 + UInt32(last), clientHardwareAddress: [0x52, 0x54, 0, 0, 0, last])
        m.messageType = type
        m.clientAddress = clientAddress
        if let requested { m.options.setAddresses(.requestedAddress, [requested]) }
        if let serverID { m.options.setAddresses(.serverIdentifier, [serverID]) }
        if let vendorClass { m.options[.vendorClass] = Array(vendorClass.utf8) }
        return m
    }

    func mac(_ last: UInt8) -> MACAddress { MACAddress(bytes: [0x52, 0x54, 0, 0, 0, last])! }

    /// DISCOVER → OFFER → REQUEST → ACK; returns the bound address.
    func bind(_ last: UInt8, _ responder: DHCPServerResponder, _ pool: inout LeasePool, reservation: IPv4Address? = nil) throws -> IPv4Address {
        let offer = try #require(responder.respond(to: message(.discover, mac: last), reservation: reservation, pool: &pool, now: now).reply)
        #expect(offer.messageType == .offer)
        let ack = responder.respond(to: message(.request, mac: last, requested: offer.yourAddress, serverID: server),
                                    reservation: reservation, pool: &pool, now: now)
        #expect(ack.reply?.messageType == .ack)
        #expect(ack.change == .bound(mac(last), LeasePool.Lease(address: offer.yourAddress, expiresAt: now + 3600)))
        return offer.yourAddress
    }

    @Test func offerCarriesAddressTimesNetworkAndBootAnswer() throws {
        let responder = DHCPServerResponder(settings: try settings())
        var pool = LeasePool(settings: responder.settings)
        let offer = try #require(responder.respond(to: message(.discover, mac: 1, vendorClass: "PXEClient:Arch:00000:UNDI:002001"),
                                                   reservation: nil, pool: &pool, now: now).reply)
        #expect(offer.yourAddress == IPv4Address(10, 0, 0, 100))
        #expect(offer.options.seconds(.leaseTime) == 3600)
        #expect(offer.options.seconds(.renewalTime) == 1800)
        #expect(offer.options.seconds(.rebindingTime) == 3150)
        #expect(offer.options.address(.subnetMask) == IPv4Address(255, 255, 255, 0))
        #expect(offer.options.address(.router) == IPv4Address(10, 0, 0, 254))
        #expect(offer.options.address(.serverIdentifier) == server)
        #expect(offer.bootFile == "undionly.kpxe" && offer.serverAddress == server)
        // A plain client gets an address and no boot answer.
        let plain = try #require(responder.respond(to: message(.discover, mac: 2), reservation: nil, pool: &pool, now: now).reply)
        #expect(plain.yourAddress == IPv4Address(10, 0, 0, 101))
        #expect(plain.bootFile.isEmpty && plain.options[.vendorClass] == nil)
    }

    @Test func addressesAreConflictFreeAndTheRangeRunsOut() throws {
        let responder = DHCPServerResponder(settings: try settings())
        var pool = LeasePool(settings: responder.settings)
        let bound = try (1...3).map { try bind($0, responder, &pool) }
        #expect(Set(bound).count == 3)
        let fourth = responder.respond(to: message(.discover, mac: 4), reservation: nil, pool: &pool, now: now)
        #expect(fourth.reply == nil)
        // Another client asking for a taken address is refused.
        let steal = responder.respond(to: message(.request, mac: 4, requested: bound[0]), reservation: nil, pool: &pool, now: now)
        #expect(steal.reply?.messageType == .nak)
        // Once a lease expires its address can go to someone else.
        let later = now + 3601
        let offer = responder.respond(to: message(.discover, mac: 4), reservation: nil, pool: &pool, now: later)
        #expect(offer.reply?.yourAddress == bound[0])
    }

    @Test func pendingOffersAreNotOfferedTwice() throws {
        let responder = DHCPServerResponder(settings: try settings())
        var pool = LeasePool(settings: responder.settings)
        let a = responder.respond(to: message(.discover, mac: 1), reservation: nil, pool: &pool, now: now).reply?.yourAddress
        let b = responder.respond(to: message(.discover, mac: 2), reservation: nil, pool: &pool, now: now).reply?.yourAddress
        let again = responder.respond(to: message(.discover, mac: 1), reservation: nil, pool: &pool, now: now).reply?.yourAddress
        #expect(a != b && a == again)
    }

    @Test func reservationsWinAndAreKeptFromOthers() throws {
        let responder = DHCPServerResponder(settings: try settings())
        var pool = LeasePool(settings: responder.settings)
        let reserved = IPv4Address(10, 0, 0, 11)   // outside the dynamic range, inside the subnet
        pool.reservations = [IPv4Address(10, 0, 0, 100): mac(9), reserved: mac(1)]
        #expect(try bind(1, responder, &pool, reservation: reserved) == reserved)
        #expect(try bind(2, responder, &pool) == IPv4Address(10, 0, 0, 101))   // .100 belongs to machine 9
    }

    @Test func renewRebootReleaseAndDecline() throws {
        let responder = DHCPServerResponder(settings: try settings())
        var pool = LeasePool(settings: responder.settings)
        let address = try bind(1, responder, &pool)
        let renew = responder.respond(to: message(.request, mac: 1, clientAddress: address), reservation: nil, pool: &pool, now: now + 1800)
        #expect(renew.reply?.messageType == .ack)
        #expect(renew.change == .bound(mac(1), LeasePool.Lease(address: address, expiresAt: now + 1800 + 3600)))
        #expect(ReplyDestination(request: message(.request, mac: 1, clientAddress: address), reply: try #require(renew.reply)) == .client(address))
        let wrongRenew = responder.respond(to: message(.request, mac: 2, clientAddress: address), reservation: nil, pool: &pool, now: now)
        #expect(wrongRenew.reply?.messageType == .nak)
        let reboot = responder.respond(to: message(.request, mac: 1, requested: address), reservation: nil, pool: &pool, now: now)
        #expect(reboot.reply?.messageType == .ack)
        let offSubnet = responder.respond(to: message(.request, mac: 1, requested: IPv4Address(192, 168, 1, 5)), reservation: nil, pool: &pool, now: now)
        #expect(offSubnet.reply?.messageType == .nak && offSubnet.reply?.broadcast == true)
        let release = responder.respond(to: message(.release, mac: 1, serverID: server, clientAddress: address), reservation: nil, pool: &pool, now: now)
        #expect(release.reply == nil && release.change == .released(mac(1)) && pool.lease(for: mac(1)) == nil)
        let declinedAddress = try bind(2, responder, &pool)
        let decline = responder.respond(to: message(.decline, mac: 2, requested: declinedAddress, serverID: server), reservation: nil, pool: &pool, now: now)
        #expect(decline.change == .released(mac(2)))
        let next = responder.respond(to: message(.discover, mac: 2), reservation: nil, pool: &pool, now: now).reply?.yourAddress
        #expect(next != declinedAddress)
    }

    @Test func aRequestForAnotherServerVoidsOurOffer() throws {
        let responder = DHCPServerResponder(settings: try settings(range: "10.0.0.100-10.0.0.100"))
        var pool = LeasePool(settings: responder.settings)
        _ = responder.respond(to: message(.discover, mac: 1), reservation: nil, pool: &pool, now: now)
        let elsewhere = responder.respond(to: message(.request, mac: 1, requested: IPv4Address(10, 0, 0, 100), serverID: IPv4Address(10, 0, 0, 2)),
                                          reservation: nil, pool: &pool, now: now)
        #expect(elsewhere.reply == nil)
        #expect(responder.respond(to: message(.discover, mac: 2), reservation: nil, pool: &pool, now: now).reply?.yourAddress == IPv4Address(10, 0, 0, 100))
    }

    @Test func informGetsSettingsWithoutALease() throws {
        let responder = DHCPServerResponder(settings: try settings())
        var pool = LeasePool(settings: responder.settings)
        let inform = responder.respond(to: message(.inform, mac: 1, clientAddress: IPv4Address(10, 0, 0, 7)), reservation: nil, pool: &pool, now: now)
        let reply = try #require(inform.reply)
        #expect(reply.messageType == .ack && reply.yourAddress == .zero && reply.options[.leaseTime] == nil)
        #expect(reply.clientAddress == IPv4Address(10, 0, 0, 7) && inform.change == nil)
    }

    @Test func settingsAreValidated() throws {
        #expect(throws: DHCPConfigurationError.self) { try settings(range: "10.0.1.5-10.0.1.9") }
        #expect(throws: DHCPConfigurationError.self) { try AddressRange(parsing: "10.0.0.9-10.0.0.5") }
        #expect(throws: DHCPConfigurationError.self) { try AddressRange(parsing: "10.0.0.9") }
        #expect(try DHCPServerSettings.leaseTime(parsing: "1h") == 3600)
        #expect(try DHCPServerSettings.leaseTime(parsing: "90") == 90)
        #expect(try DHCPServerSettings.leaseTime(parsing: "2d") == 172_800)
        #expect(throws: DHCPConfigurationError.self) { try DHCPServerSettings.leaseTime(parsing: "soon") }
    }
}
